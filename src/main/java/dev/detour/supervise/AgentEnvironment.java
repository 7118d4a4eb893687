package dev.detour.supervise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment that points an agent at a bridge. Only the base URL: the agent keeps its own credential, which
 * the bridge forwards to passthrough upstreams (and never sends anywhere else).
 */
public final class AgentEnvironment {
    public static final String BASE_URL_VAR = "ANTHROPIC_BASE_URL";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Shell {
        SH, FISH
    }

    private AgentEnvironment() {
    }

    public static Map<String, String> variables(String bridgeBaseUrl) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(BASE_URL_VAR, bridgeBaseUrl);
        return vars;
    }

    /** Lines a shell can {@code eval}: {@code export K='V'} for sh/bash/zsh, {@code set -gx K 'V'} for fish. */
    public static String exports(Map<String, String> vars, Shell shell) {
        StringBuilder out = new StringBuilder();
        vars.forEach((key, value) -> {
            if (shell == Shell.FISH) {
                out.append("set -gx ").append(key).append(' ').append(fishQuote(value)).append(";\n");
            } else {
                out.append("export ").append(key).append('=').append(shQuote(value)).append(";\n");
            }
        });
        return out.toString();
    }

    static String shQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static String fishQuote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * The {@code env.ANTHROPIC_BASE_URL} of a Claude Code settings file, which Claude Code applies over the
     * process environment (so it would bypass the bridge); empty when absent or unreadable.
     */
    public static Optional<String> settingsOverride(Path claudeSettings) {
        try {
            if (!Files.isRegularFile(claudeSettings)) {
                return Optional.empty();
            }
            JsonNode value = JSON.readTree(Files.readString(claudeSettings)).path("env").path(BASE_URL_VAR);
            return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
