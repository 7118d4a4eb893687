package dev.detour.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Bedrock and Vertex errors in the Anthropic error format, with the status that gives them their failure class:
 * Bedrock's {@code ThrottlingException} is a 429 {@code rate_limit_error}, {@code ServiceUnavailableException} a 503
 * {@code overloaded_error} (the type Claude Code retries when it arrives inside a stream),
 * {@code ModelNotReadyException} a 529 {@code overloaded_error}, access and signature failures 403/401, validation a
 * 400. Google's {@code {"error":{"code","message","status"}}} maps by its status. Pure.
 */
public final class CloudErrors {
    private CloudErrors() {
    }

    /** An Anthropic error: the status for the agent, the {@code error.type}, the message. */
    public record AnthropicError(int status, String type, String message) {
        public ObjectNode body() {
            ObjectNode body = Json.object().put("type", "error");
            body.putObject("error").put("type", type).put("message", message);
            return body;
        }

        /** The error as the data of an {@code event: error}. */
        public String eventData() {
            ObjectNode data = Json.object().put("type", "error");
            data.putObject("error").put("type", type).put("message", message);
            return Json.write(data);
        }
    }

    /**
     * A Bedrock exception, from an error answer ({@code x-amzn-ErrorType} header) or an exception frame
     * ({@code :exception-type}).
     *
     * @param exceptionType e.g. {@code ThrottlingException}, {@code throttlingException}, or
     *                      {@code ThrottlingException:http://internal.amazon.com/...}; null when unknown
     * @param status        the HTTP status Bedrock answered, or 0 inside a stream
     * @param body          the answer or frame payload, usually {@code {"message":"..."}}
     */
    public static AnthropicError bedrock(String exceptionType, int status, String body) {
        String kind = exceptionType == null ? "" : exceptionType.split(":", 2)[0].toLowerCase(Locale.ROOT);
        String message = "Bedrock " + (exceptionType == null ? "HTTP " + status : exceptionType.split(":", 2)[0])
                + ": " + messageOf(body, status);
        return switch (kind) {
            case "throttlingexception", "servicequotaexceededexception", "toomanyrequestsexception" ->
                    new AnthropicError(429, "rate_limit_error", message);
            case "modelnotreadyexception" -> new AnthropicError(529, "overloaded_error", message);
            case "serviceunavailableexception" -> new AnthropicError(503, "overloaded_error", message);
            case "internalserverexception", "modelstreamerrorexception", "modelerrorexception" ->
                    new AnthropicError(500, "api_error", message);
            case "modeltimeoutexception" -> new AnthropicError(504, "timeout_error", message);
            case "accessdeniedexception" -> new AnthropicError(403, "permission_error", message);
            case "unrecognizedclientexception", "invalidsignatureexception", "expiredtokenexception",
                 "incompletesignatureexception", "missingauthenticationtokenexception" ->
                    new AnthropicError(401, "authentication_error", message);
            case "validationexception" -> new AnthropicError(400, "invalid_request_error", message);
            case "resourcenotfoundexception" -> new AnthropicError(404, "not_found_error", message);
            default -> byStatus(status == 0 ? 500 : status, message);
        };
    }

    /**
     * A Vertex error answer. An Anthropic-format body (the model's own error) keeps its type; Google's format maps by
     * status.
     */
    public static AnthropicError vertex(int status, String body) {
        JsonNode parsed = parse(body);
        JsonNode error = parsed == null ? null : parsed.get("error");
        if (error != null && error.hasNonNull("type") && error.hasNonNull("message")) {
            return new AnthropicError(status, error.get("type").asText(), error.get("message").asText());
        }
        String googleStatus = error == null ? null : Json.text(error, "status");
        String message = "Vertex AI" + (googleStatus != null ? " " + googleStatus : " HTTP " + status) + ": "
                + messageOf(body, status);
        return byStatus(status, message);
    }

    private static AnthropicError byStatus(int status, String message) {
        String type = switch (status) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            case 504, 408 -> "timeout_error";
            default -> "api_error";
        };
        return new AnthropicError(status, type, message);
    }

    private static String messageOf(String body, int status) {
        JsonNode parsed = parse(body);
        if (parsed != null) {
            String direct = Json.text(parsed, "message");
            if (direct == null) {
                direct = Json.text(parsed, "Message");
            }
            if (direct == null && parsed.path("error").isObject()) {
                direct = Json.text(parsed.get("error"), "message");
            }
            if (direct != null) {
                return direct;
            }
        }
        if (body == null || body.isBlank()) {
            return "HTTP " + status;
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
