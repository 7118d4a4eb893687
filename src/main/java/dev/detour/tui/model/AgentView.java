package dev.detour.tui.model;

/**
 * An agent process found on this machine.
 *
 * @param session     the session whose bridge it talks to, or null when it bypasses detour
 * @param claudeState Claude Code's own state (busy, idle, waiting), or null when unknown
 * @param tmuxPane    {@code session:window.pane} when it runs in tmux, or null
 */
public record AgentView(long pid, String command, String cwd, String session, String claudeState, String tmuxPane) {
    public boolean bypassing() {
        return session == null;
    }
}
