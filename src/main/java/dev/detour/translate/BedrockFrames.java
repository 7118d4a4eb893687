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
        if ("exception".equals(messageType)) {
            String payload = new String(frame.getPayload(), StandardCharsets.UTF_8);
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
        String data = new String(Base64.getDecoder().decode(base64(frame.getPayload())), StandardCharsets.UTF_8);
        return new Event(type(data), data);
    }

    private static final byte[] BYTES_PREFIX = "{\"bytes\":\"".getBytes(StandardCharsets.US_ASCII);

    /** The base64 text of a chunk payload: read in place in the usual {@code {"bytes":"..."}} shape, else parsed. */
    private static byte[] base64(byte[] payload) {
        int end = BYTES_PREFIX.length;
        boolean plain = payload.length > end && java.util.Arrays.equals(payload, 0, end, BYTES_PREFIX, 0, end);
        while (plain && end < payload.length && payload[end] != '"') {
            plain = payload[end] != '\\';
            end++;
        }
        if (plain && end < payload.length) {
            return java.util.Arrays.copyOfRange(payload, BYTES_PREFIX.length, end);
        }
        return base64(new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The {@code bytes} of a chunk payload, parsed as JSON. */
    private static String base64(String payload) {
        JsonNode bytes;
        try {
            bytes = Json.MAPPER.readTree(payload).get("bytes");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a Bedrock chunk whose payload is not JSON");
        }
        if (bytes == null || !bytes.isTextual()) {
            throw new IllegalArgumentException("a Bedrock chunk without \"bytes\"");
        }
        return bytes.asText();
    }

    /** The event's type: read directly when the JSON starts with it (as Anthropic events do), else parsed. */
    private static String type(String data) {
        String prefix = "{\"type\":\"";
        int end = data.indexOf('"', prefix.length());
        if (data.startsWith(prefix) && end > 0) {
            return data.substring(prefix.length(), end);
        }
        try {
            String type = Json.text(Json.MAPPER.readTree(data), "type");
            return type == null ? "" : type;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a Bedrock chunk that does not carry a JSON event");
        }
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
