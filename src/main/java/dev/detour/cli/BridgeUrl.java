package dev.detour.cli;

import dev.detour.bridge.SessionToken;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.supervise.AgentEnvironment;
import dev.detour.wire.BridgeClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The agent-facing URL of a session's bridge, and the warning when Claude Code's settings would override it. */
final class BridgeUrl {
    private BridgeUrl() {
    }

    /** The URL with the session's token, which is created (as the bridge would) when no bridge has run yet. */
    static String of(DetourPaths paths, Session session) {
        Path tokenFile = paths.tokenFile(session.name());
        try {
            return BridgeClient.baseUrl(session.port(), SessionToken.ensure(tokenFile));
        } catch (IOException e) {
            throw CliFailure.runtime("cannot read or create the token " + tokenFile + ": " + e.getMessage());
        }
    }

    /** Claude Code's user settings file: {@code $CLAUDE_CONFIG_DIR/settings.json} or {@code ~/.claude/settings.json}. */
    static Path claudeSettings(Map<String, String> env) {
        String configured = env.get("CLAUDE_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "settings.json");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".claude", "settings.json");
    }

    static void warnIfOverridden(PrintWriter err, Map<String, String> env) {
        Path settings = claudeSettings(env);
        AgentEnvironment.settingsOverride(settings).ifPresent(url -> {
            err.println("detour: warning: " + settings + " sets env." + AgentEnvironment.BASE_URL_VAR + " = "
                    + url + "; Claude Code applies it over the environment, so it will bypass the bridge. "
                    + "Remove it from that file to use detour.");
            err.flush();
        });
    }
}
