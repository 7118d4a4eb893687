package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bedrock's event-stream messages and the Anthropic events they carry. A chunk is {@code :message-type = event},
 * {@code :event-type = chunk}, payload {@code {"bytes": base64(event JSON)}}; a failure is {@code :message-type =
 * exception} with {@code :exception-type} (or {@code error} with {@code :error-code}). The framing itself (lengths,
 * CRCs) is the {@code software.amazon.eventstream} library's. Pure.
 */
public final class BedrockFrames {
    /** An Anthropic event: its type (the SSE event name) and its JSON data. */
    public record Event(String type, String data) {
    }

    private BedrockFrames() {
    }

    /** The Anthropic event a frame carries; an exception frame becomes an {@code error} event; null for frames to skip. */
    public static Event decode(Message frame) {
        String messageType = header(frame, ":message-type");
        String payload = new String(frame.getPayload(), StandardCharsets.UTF_8);
        if ("exception".equals(messageType)) {
            CloudErrors.AnthropicError error = CloudErrors.bedrock(header(frame, ":exception-type"), 0, payload);
            return new Event("error", error.eventData());
        }
        if ("error".equals(messageType)) {
            String code = header(frame, ":error-code");
            String message = header(frame, ":error-message");
            CloudErrors.AnthropicError error = CloudErrors.bedrock(code, 0,
                    "{\"message\":" + Json.NODES.textNode(message == null ? "stream error" : message) + "}");
            return new Event("error", error.eventData());
        }
        if (!"chunk".equals(header(frame, ":event-type"))) {
            return null;
        }
        JsonNode bytes;
        try {
            bytes = Json.MAPPER.readTree(payload).get("bytes");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a Bedrock chunk whose payload is not JSON");
        }
        if (bytes == null || !bytes.isTextual()) {
            throw new IllegalArgumentException("a Bedrock chunk without \"bytes\"");
        }
        String data = new String(Base64.getDecoder().decode(bytes.asText()), StandardCharsets.UTF_8);
        String type;
        try {
            type = Json.text(Json.MAPPER.readTree(data), "type");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a Bedrock chunk that does not carry a JSON event");
        }
        return new Event(type == null ? "" : type, data);
    }

    /** The chunk frame that carries one Anthropic event's JSON. */
    public static byte[] chunk(String eventJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString("chunk"));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(eventJson.getBytes(StandardCharsets.UTF_8))
                + "\"}";
        return new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    }

    /** The exception frame Bedrock ends a failing stream with, e.g. {@code throttlingException}. */
    public static byte[] exception(String exceptionType, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":exception-type", HeaderValue.fromString(exceptionType));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("exception"));
        String payload = "{\"message\":" + Json.NODES.textNode(message) + "}";
        return new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).toByteBuffer().array();
    }

    /**
     * The Bedrock exception type for an Anthropic error type, for an agent in Bedrock mode: what the real service
     * would have sent for the same failure.
     */
    public static String exceptionTypeFor(String anthropicErrorType) {
        return switch (anthropicErrorType) {
            case "rate_limit_error" -> "throttlingException";
            case "overloaded_error" -> "serviceUnavailableException";
            case "invalid_request_error", "request_too_large" -> "validationException";
            case "authentication_error", "permission_error" -> "accessDeniedException";
            case "not_found_error" -> "resourceNotFoundException";
            default -> "internalServerException";
        };
    }

    private static String header(Message frame, String name) {
        HeaderValue value = frame.getHeaders().get(name);
        return value == null ? null : value.getString();
    }
}
