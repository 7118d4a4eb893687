package dev.detour.supervise;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Pure rules: which processes are agents, and which bridge (if any) a base URL points at. */
public final class AgentClassifier {
    public static final List<String> BASE_URL_VARS = List.of("ANTHROPIC_BASE_URL", "OPENAI_BASE_URL");
    private static final Set<String> AGENT_BINARIES = Set.of("claude", "claude.exe", "codex");
    private static final Set<String> SCRIPT_RUNTIMES = Set.of("node", "nodejs", "bun", "deno");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private AgentClassifier() {
    }

    /** {@code claude}, {@code codex}, or a script runtime running Claude Code or Codex. */
    public static boolean isAgentLike(List<String> argv) {
        if (argv.isEmpty()) {
            return false;
        }
        String program = baseName(argv.get(0));
        if (AGENT_BINARIES.contains(program)) {
            return true;
        }
        if (SCRIPT_RUNTIMES.contains(program)) {
            for (String arg : argv.subList(1, argv.size())) {
                if (arg.contains("claude-code") || arg.contains("@openai/codex") || baseName(arg).equals("claude")
                        || baseName(arg).equals("codex")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The base URL an agent uses: the first of {@link #BASE_URL_VARS} that is set, or null. */
    public static String baseUrl(Map<String, String> env) {
        for (String var : BASE_URL_VARS) {
            String value = env.get(var);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** The session whose bridge {@code baseUrl} points at (loopback and a session's port), if any. */
    public static Optional<String> sessionOf(String baseUrl, Map<Integer, String> sessionByPort) {
        if (baseUrl == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(baseUrl);
            if (uri.getHost() == null || !LOOPBACK.contains(uri.getHost()) || uri.getPort() < 0) {
                return Optional.empty();
            }
            return Optional.ofNullable(sessionByPort.get(uri.getPort()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The URL with a bridge token ({@code /t/TOKEN}) replaced by {@code ***}, so listings never show it. */
    public static String masked(String baseUrl) {
        return baseUrl == null ? null : baseUrl.replaceAll("/t/[^/?#]+", "/t/***");
    }

    static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }
}
