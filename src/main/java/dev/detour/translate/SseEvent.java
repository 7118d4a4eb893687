package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * One Anthropic server-sent event as the translators produce it: {@code event: TYPE} and one {@code data:} line.
 *
 * @param type the event name, equal to {@code data.type}
 */
public record SseEvent(String type, JsonNode data) {

    /** The {@code data:} payload as one line of JSON. */
    public String json() {
        return Json.write(data);
    }

    /** The event on the wire: {@code event: TYPE\ndata: JSON\n\n}. */
    public byte[] toBytes() {
        return ("event: " + type + "\ndata: " + json() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** True for a delta that carries content to the agent (text, tool arguments), the point after which no failover. */
    public boolean isContentDelta() {
        return "content_block_delta".equals(type);
    }
}
