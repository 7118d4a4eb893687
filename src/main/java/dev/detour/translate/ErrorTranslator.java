package dev.detour.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Translates an OpenAI (or compatible server's) error reply into the Anthropic error format, so the agent's own
 * recovery works: the status keeps its meaning, {@code error.type} is the Anthropic one, and a context overflow reads
 * "prompt is too long", the wording Claude Code compacts on.
 */
public final class ErrorTranslator {
    private static final int SNIPPET = 300;

    /**
     * @param status    the status to return to the agent
     * @param type      the Anthropic {@code error.type}
     * @param temporary false when retrying cannot help (a used-up quota): send {@code x-should-retry: false}
     */
    public record Translated(int status, String type, String message, boolean temporary) {
        /** The Anthropic error body: {@code {"type":"error","error":{"type":...,"message":...}}}. */
        public ObjectNode body() {
            ObjectNode body = Json.object().put("type", "error");
            body.putObject("error").put("type", type).put("message", message);
            return body;
        }
    }

    private ErrorTranslator() {
    }

    /** An error reply: {@code status} and its raw body (JSON or not). */
    public static Translated translate(int status, String body) {
        JsonNode error = null;
        try {
            JsonNode parsed = Json.MAPPER.readTree(body);
            if (parsed != null && parsed.isObject()) {
                error = parsed.get("error");
            }
        } catch (JsonProcessingException e) {
            // a gateway's HTML or plain text: reported as a snippet below
        }
        String message = error == null ? null : messageOf(error);
        if (message == null) {
            message = body == null || body.isBlank() ? "HTTP " + status : snippet(body);
        }
        String code = error != null && error.isObject() ? codeOf(error) : "";
        if (status == 429 && code.contains("insufficient_quota")) {
            return new Translated(429, "rate_limit_error", "insufficient_quota: " + message, false);
        }
        if (code.contains("context_length_exceeded")) {
            return new Translated(400, "invalid_request_error", "prompt is too long: " + message, true);
        }
        return switch (status) {
            case 400, 422 -> new Translated(400, "invalid_request_error", message, true);
            case 401 -> new Translated(401, "authentication_error", message, true);
            case 402 -> new Translated(402, "billing_error", message, false);
            case 403 -> new Translated(403, "permission_error", message, true);
            case 404 -> new Translated(404, "not_found_error", message, true);
            case 413 -> new Translated(413, "request_too_large", message, true);
            case 429 -> new Translated(429, "rate_limit_error", message, true);
            case 503, 529 -> new Translated(status, "overloaded_error", message, true);
            case 504 -> new Translated(504, "timeout_error", message, true);
            default -> status >= 500
                    ? new Translated(status, "api_error", message, true)
                    : new Translated(status, "invalid_request_error", message, true);
        };
    }

    /**
     * An {@code {"error": ...}} object inside a stream that had already answered 200: {@code overloaded_error}, which
     * the agent retries, unless the upstream blames the request itself.
     */
    static Translated midStream(JsonNode error) {
        String message = messageOf(error);
        String code = error.isObject() ? codeOf(error) : "";
        String text = message == null ? "the openai upstream reported an error mid-stream" : message;
        boolean clients = code.contains("invalid_request") || code.contains("context_length_exceeded");
        return new Translated(200, clients ? "invalid_request_error" : StreamTranslator.BROKEN, text, true);
    }

    private static String messageOf(JsonNode error) {
        if (error.isTextual()) {
            return error.asText();
        }
        String message = Json.text(error, "message");
        return message == null || message.isBlank() ? null : message;
    }

    private static String codeOf(JsonNode error) {
        String code = error.path("code").asText("");
        String type = error.path("type").asText("");
        return (code + " " + type).toLowerCase(Locale.ROOT);
    }

    /** At most a few hundred characters of a body, on one line, for an error message. */
    static String snippet(String body) {
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "…";
    }
}
