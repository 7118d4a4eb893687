package dev.detour.cli;

import dev.detour.bridge.BridgeClient;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.supervise.AgentEnvironment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** The agent-facing URL of a session's bridge, and the warning when Claude Code's settings would override it. */
final class BridgeUrl {
    private BridgeUrl() {
    }

    static String of(DetourPaths paths, Session session) {
        Path tokenFile = paths.tokenFile(session.name());
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw CliFailure.runtime(tokenFile + " is empty: restart the bridge with `detour restart "
                        + session.name() + "`");
            }
            return BridgeClient.baseUrl(session.port(), token);
        } catch (NoSuchFileException e) {
            throw CliFailure.runtime("no token for session " + session.name() + " yet (" + tokenFile
                    + "): start its bridge with `detour up " + session.name() + "`");
        } catch (IOException e) {
            throw CliFailure.runtime("cannot read " + tokenFile + ": " + e.getMessage());
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
