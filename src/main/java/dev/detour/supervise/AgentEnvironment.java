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

    /** The API shape the agent speaks to the bridge: Messages, or Claude Code's Bedrock or Vertex mode. */
    public enum Shape {
        MESSAGES, BEDROCK, VERTEX
    }

    private AgentEnvironment() {
    }

    public static Map<String, String> variables(String bridgeBaseUrl) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(BASE_URL_VAR, bridgeBaseUrl);
        return vars;
    }

    /**
     * The variables for an agent in {@code shape}. Cloud modes skip the cloud's own auth (the bridge authenticates
     * to its upstreams) and keep the region/project the agent already has, else set a placeholder the bridge ignores.
     *
     * @param current the environment the agent would otherwise get
     */
    public static Map<String, String> variables(String bridgeBaseUrl, Shape shape, Map<String, String> current) {
        Map<String, String> vars = new LinkedHashMap<>();
        switch (shape) {
            case MESSAGES -> vars.put(BASE_URL_VAR, bridgeBaseUrl);
            case BEDROCK -> {
                vars.put("CLAUDE_CODE_USE_BEDROCK", "1");
                vars.put("ANTHROPIC_BEDROCK_BASE_URL", bridgeBaseUrl);
                vars.put("CLAUDE_CODE_SKIP_BEDROCK_AUTH", "1");
                vars.put("AWS_REGION", current.getOrDefault("AWS_REGION", "us-east-1"));
            }
            case VERTEX -> {
                vars.put("CLAUDE_CODE_USE_VERTEX", "1");
                vars.put("ANTHROPIC_VERTEX_BASE_URL", bridgeBaseUrl + "/v1");
                vars.put("CLAUDE_CODE_SKIP_VERTEX_AUTH", "1");
                vars.put("ANTHROPIC_VERTEX_PROJECT_ID", current.getOrDefault("ANTHROPIC_VERTEX_PROJECT_ID", "detour-bridge"));
                vars.put("CLOUD_ML_REGION", current.getOrDefault("CLOUD_ML_REGION", "global"));
            }
        }
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
