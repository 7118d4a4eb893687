package dev.detour.translate;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.wire.SseEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole Anthropic message as the event stream an agent that asked for {@code stream: true} expects: for an
 * upstream that answered a streamed request with one JSON reply (some compatible servers ignore {@code stream}).
 */
public final class MessageEvents {
    private MessageEvents() {
    }

    /** @param message a complete message, as {@link ResponseTranslator#translate} makes it */
    public static List<SseEvent> of(JsonNode message) {
        List<SseEvent> events = new ArrayList<>();
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode head = start.putObject("message");
        for (String field : List.of("id", "type", "role", "model")) {
            head.set(field, message.get(field));
        }
        head.putArray("content");
        head.putNull("stop_reason");
        head.putNull("stop_sequence");
        head.putObject("usage").put("input_tokens", message.path("usage").path("input_tokens").asLong(0)).put("output_tokens", 0);
        events.add(new SseEvent("message_start", start));
        int index = 0;
        for (JsonNode block : message.path("content")) {
            ObjectNode blockStart = Json.object().put("type", "content_block_start").put("index", index);
            ObjectNode delta = Json.object().put("type", "content_block_delta").put("index", index);
            if ("tool_use".equals(Json.text(block, "type"))) {
                blockStart.putObject("content_block").put("type", "tool_use").put("id", Json.text(block, "id"))
                        .put("name", Json.text(block, "name")).putObject("input");
                delta.putObject("delta").put("type", "input_json_delta").put("partial_json", Json.write(block.path("input")));
            } else {
                blockStart.putObject("content_block").put("type", "text").put("text", "");
                delta.putObject("delta").put("type", "text_delta").put("text", block.path("text").asText(""));
            }
            events.add(new SseEvent("content_block_start", blockStart));
            events.add(new SseEvent("content_block_delta", delta));
            events.add(new SseEvent("content_block_stop", Json.object().put("type", "content_block_stop").put("index", index)));
            index++;
        }
        ObjectNode end = Json.object().put("type", "message_delta");
        end.putObject("delta").put("stop_reason", Json.text(message, "stop_reason")).putNull("stop_sequence");
        end.set("usage", message.path("usage"));
        events.add(new SseEvent("message_delta", end));
        events.add(new SseEvent("message_stop", Json.object().put("type", "message_stop")));
        return events;
    }

    /** An Anthropic {@code content_block_start} event's data for the block at {@code index}. */
    static ObjectNode blockStart(int index, ObjectNode block) {
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", index);
        start.set("content_block", block);
        return start;
    }

    /**
     * An Anthropic {@code content_block_delta} event for the block at {@code index} whose delta is
     * {@code {"type": type, field: text}}: written as text directly, one per streamed token, in the bytes a tree
     * would serialise to.
     */
    static SseEvent delta(int index, String type, String field, String text) {
        StringBuilder data = new StringBuilder(text.length() + 96).append("{\"type\":\"content_block_delta\",\"index\":")
                .append(index).append(",\"delta\":{\"type\":\"").append(type).append("\",\"").append(field).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(text, data);
        return new SseEvent("content_block_delta", data.append("\"}}").toString());
    }

    /** An Anthropic {@code error} event, as a stream that cannot go on ends. */
    static SseEvent error(String type, String message) {
        ObjectNode event = Json.object().put("type", "error");
        event.putObject("error").put("type", type).put("message", message);
        return new SseEvent("error", event);
    }
}
