package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Anthropic errors in the OpenAI shape a Responses agent reads. Codex decides by {@code error.code}:
 * {@code context_length_exceeded} makes it compact, {@code insufficient_quota} stops it (waiting will not help),
 * {@code rate_limit_exceeded} and {@code server_error} make it retry.
 */
public final class ResponsesErrors {
    private ResponsesErrors() {
    }

    /** The OpenAI {@code error.code} for an Anthropic {@code error.type} and message. */
    public static String code(String anthropicType, String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("prompt is too long") || text.contains("context_length_exceeded")) {
            return "context_length_exceeded";
        }
        if (text.contains("insufficient_quota") || text.contains("enforced_spend_limit_reached")
                || text.contains("credit balance is too low")) {
            return "insufficient_quota";
        }
        return switch (String.valueOf(anthropicType)) {
            case "rate_limit_error" -> "rate_limit_exceeded";
            case "authentication_error" -> "invalid_api_key";
            case "permission_error", "billing_error" -> "insufficient_permissions";
            case "invalid_request_error", "request_too_large" -> "invalid_request_error";
            case "not_found_error" -> "model_not_found";
            default -> "server_error";
        };
    }

    /** The OpenAI {@code error.type} that goes with a code. */
    static String type(String code) {
        return switch (code) {
            case "server_error" -> "server_error";
            case "rate_limit_exceeded" -> "requests";
            case "insufficient_quota" -> "insufficient_quota";
            default -> "invalid_request_error";
        };
    }

    /** The {@code error} object: {@code {"message":…,"type":…,"param":null,"code":…}}. */
    public static ObjectNode error(String anthropicType, String message) {
        String code = code(anthropicType, message);
        ObjectNode error = Json.object().put("message", message == null ? "" : message).put("type", type(code));
        error.putNull("param");
        error.put("code", code);
        return error;
    }

    /**
     * An error body in the OpenAI shape for an Anthropic error body; a body that is not an Anthropic error is kept as
     * the message.
     */
    public static ObjectNode body(int status, byte[] anthropicBody) {
        String raw = new String(anthropicBody, java.nio.charset.StandardCharsets.UTF_8);
        String type = status >= 500 ? "api_error" : status == 429 ? "rate_limit_error" : "invalid_request_error";
        String message = raw.isBlank() ? "HTTP " + status : ErrorTranslator.snippet(raw);
        try {
            JsonNode parsed = Json.MAPPER.readTree(anthropicBody);
            JsonNode error = parsed == null ? null : parsed.get("error");
            if (error != null && error.isObject()) {
                type = error.path("type").asText(type);
                message = error.path("message").asText(message);
            }
        } catch (java.io.IOException notJson) {
            // an HTML page or plain text: its snippet is the message
        }
        ObjectNode body = Json.object();
        body.set("error", error(type, message));
        return body;
    }
}
