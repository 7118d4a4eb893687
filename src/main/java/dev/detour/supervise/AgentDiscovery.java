package dev.detour.supervise;

import dev.detour.config.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Finds this user's agents in {@code /proc}. A process whose base URL points at a bridge is attached to that
 * session (of a tree of such processes, e.g. a shell and its commands, only the topmost is listed, plus every
 * agent); an agent-like process with no base URL, or one that points elsewhere, bypasses detour. Processes that
 * cannot be read are skipped; detour's own processes are never listed.
 */
public final class AgentDiscovery {
    private final ProcFs proc;
    private final Path defaultClaudeDir;
    private final Supplier<TmuxPanes> panes;

    public AgentDiscovery(ProcFs proc, Path defaultClaudeDir, Supplier<TmuxPanes> panes) {
        this.proc = proc;
        this.defaultClaudeDir = defaultClaudeDir;
        this.panes = panes;
    }

    /** Discovery on this machine: real {@code /proc}, {@code ~/.claude} (or {@code $CLAUDE_CONFIG_DIR}), tmux. */
    public static AgentDiscovery system() {
        String configured = System.getenv("CLAUDE_CONFIG_DIR");
        Path claudeDir = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".claude");
        return new AgentDiscovery(ProcFs.system(), claudeDir, TmuxPanes::list);
    }

    public AgentScan scan(Collection<Session> sessions) {
        if (!proc.available()) {
            return new AgentScan(List.of(), List.of());
        }
        Map<Integer, String> sessionByPort = new HashMap<>();
        sessions.forEach(session -> sessionByPort.put(session.port(), session.name()));
        int uid = proc.selfUid();
        long self = ProcessHandle.current().pid();
        Map<Long, ProcessInfo> mine = new HashMap<>();
        Map<Long, Long> parentOf = new HashMap<>();
        for (long pid : proc.pids()) {
            if (pid == self) {
                continue;
            }
            proc.read(pid, true).filter(info -> info.uid() == uid && !info.argv().isEmpty()).ifPresent(info -> {
                mine.put(pid, info);
                parentOf.put(pid, info.ppid());
            });
        }
        TmuxPanes tmux = null;
        List<Agent> attached = new ArrayList<>();
        List<Agent> bypassing = new ArrayList<>();
        for (ProcessInfo info : mine.values()) {
            if (BridgeIdentity.isDetour(info.argv())) {
                continue;
            }
            boolean agentLike = AgentClassifier.isAgentLike(info.argv());
            String baseUrl = baseUrl(info);
            String session = AgentClassifier.sessionOf(baseUrl, sessionByPort).orElse(null);
            boolean listed = agentLike ? !codexUnderCodex(info, mine)
                    : session != null && !sameBaseUrlAsParent(info, baseUrl, mine);
            if (!listed) {
                continue;
            }
            if (tmux == null) {
                tmux = panes.get();
            }
            ClaudeState claude = agentLike ? ClaudeState.read(claudeDir(info), info.pid()).orElse(null) : null;
            Agent agent = new Agent(info.pid(), info.commandLine(), info.cwd() == null ? null : info.cwd().toString(),
                    info.startTime(), session, AgentClassifier.masked(baseUrl), tmux.paneOf(info.pid(), parentOf),
                    claude);
            (session != null ? attached : bypassing).add(agent);
        }
        attached.sort(Comparator.comparing(Agent::session).thenComparingLong(Agent::pid));
        bypassing.sort(Comparator.comparingLong(Agent::pid));
        return new AgentScan(attached, bypassing);
    }

    private static boolean sameBaseUrlAsParent(ProcessInfo info, String baseUrl, Map<Long, ProcessInfo> mine) {
        ProcessInfo parent = mine.get(info.ppid());
        return parent != null && !BridgeIdentity.isDetour(parent.argv())
                && Objects.equals(baseUrl(parent), baseUrl);
    }

    /** Codex's npm launcher runs its native binary as a child: one agent, listed once (the launcher). */
    private static boolean codexUnderCodex(ProcessInfo info, Map<Long, ProcessInfo> mine) {
        ProcessInfo parent = mine.get(info.ppid());
        return parent != null && isCodex(info) && isCodex(parent);
    }

    private static boolean isCodex(ProcessInfo info) {
        return AgentClassifier.isAgentLike(info.argv()) && info.argv().stream()
                .anyMatch(arg -> AgentClassifier.baseName(arg).equals("codex") || arg.contains("@openai/codex"));
    }

    /** A Codex process's model provider (command line, then its config.toml), else the base URL variables. */
    private static String baseUrl(ProcessInfo info) {
        if (isCodex(info)) {
            String codexUrl = CodexProvider.baseUrlOf(info.argv(), codexConfig(info));
            if (codexUrl != null) {
                return codexUrl;
            }
        }
        return AgentClassifier.baseUrl(info.env());
    }

    private static String codexConfig(ProcessInfo info) {
        String home = info.env().get("CODEX_HOME");
        Path dir = home != null && !home.isBlank() ? Path.of(home)
                : info.env().get("HOME") != null ? Path.of(info.env().get("HOME"), ".codex") : null;
        try {
            Path file = dir == null ? null : dir.resolve("config.toml");
            return file != null && java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) < 1_000_000
                    ? java.nio.file.Files.readString(file) : null;
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private Path claudeDir(ProcessInfo info) {
        String configured = info.env().get("CLAUDE_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = info.env().get("HOME");
        return home != null && !home.isBlank() ? Path.of(home, ".claude") : defaultClaudeDir;
    }
}
