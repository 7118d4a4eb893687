package dev.detour.sim;

import dev.detour.translate.BedrockFrames;

import java.nio.charset.StandardCharsets;

/** How a simulated stream frames its events: SSE (Anthropic, Vertex, OpenAI) or AWS event-stream (Bedrock). */
public enum EventFraming {
    SSE("text/event-stream; charset=utf-8"),
    /** OpenAI's SSE: a failure is a {@code data: {"error": ...}} chunk. */
    OPENAI_SSE("text/event-stream; charset=utf-8"),
    BEDROCK("application/vnd.amazon.eventstream");

    private final String contentType;

    EventFraming(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** One event on the wire. */
    byte[] frame(String name, String data) {
        if (this == BEDROCK) {
            return BedrockFrames.chunk(data);
        }
        return ((name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A failure in the middle of a stream: an {@code event: error} for SSE, an exception frame for Bedrock. */
    byte[] failure(String message) {
        if (this == BEDROCK) {
            return BedrockFrames.exception("serviceUnavailableException", message);
        }
        String text = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(message).toString();
        if (this == OPENAI_SSE) {
            return frame(null, "{\"error\":{\"message\":" + text + ",\"type\":\"server_error\",\"code\":null}}");
        }
        return frame("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":" + text + "}}");
    }
}
