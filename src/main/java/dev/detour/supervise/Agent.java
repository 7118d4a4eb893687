package dev.detour.supervise;

import java.time.Instant;

/**
 * One agent process found in {@code /proc}.
 *
 * @param session  the session whose bridge it is attached to, or null when it bypasses detour
 * @param baseUrl  its {@code ANTHROPIC_BASE_URL} (or {@code OPENAI_BASE_URL}) with any bridge token masked, or
 *                 null when it has none (it talks to the provider directly)
 * @param cwd      its working directory, or null when unreadable
 * @param tmuxPane {@code session:window.pane}, or null when it does not run in tmux
 * @param claude   Claude Code's own state for this pid, or null
 */
public record Agent(long pid, String command, String cwd, Instant startTime, String session, String baseUrl,
                    String tmuxPane, ClaudeState claude) {
    public boolean attached() {
        return session != null;
    }

    /** {@code codex} or {@code claude} when the command line shows which agent it is (also when run by node), else null. */
    public String kind() {
        if (command == null) {
            return null;
        }
        for (String arg : command.split(" ")) {
            String name = AgentClassifier.baseName(arg);
            if (name.equals("codex") || name.equals("codex.js") || arg.contains("@openai/codex")) {
                return "codex";
            }
            if (name.equals("claude") || name.equals("claude.exe") || arg.contains("claude-code")) {
                return "claude";
            }
        }
        return null;
    }
}
