package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.wire.ResponsesStreamEvents;
import dev.detour.wire.SseEvent;

import java.io.IOException;

/**
 * Which stream events the bridge holds back until the first content: while only these have arrived, nothing has
 * reached the agent and the request can still move to another upstream. {@code message_start}, {@code ping} and a
 * {@code content_block_start} that carries no content yet; everything else (a delta, {@code message_delta}, an
 * unknown event) commits the stream to this upstream. A Responses stream passed through to a Codex agent follows
 * {@link ResponsesStreamEvents}.
 */
public final class HoldBack {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HoldBack() {
    }

    public static boolean holds(SseEvent event) {
        return switch (event.type()) {
            case "message_start", "ping" -> true;
            case "content_block_start" -> emptyBlock(event.data());
            default -> ResponsesStreamEvents.beforeContent(event.type(), event.data());
        };
    }

    /** Whether the event reports a failure: an {@code error} event, or a Responses {@code response.failed}. */
    public static boolean failure(SseEvent event) {
        return event.type().equals("error") || ResponsesStreamEvents.failure(event.type());
    }

    /** A block start without content: an empty text or thinking block, or a tool_use whose input arrives in deltas. */
    private static boolean emptyBlock(String data) {
        try {
            JsonNode block = JSON.readTree(data).path("content_block");
            return switch (block.path("type").asText()) {
                case "text" -> block.path("text").asText("").isEmpty();
                case "thinking" -> block.path("thinking").asText("").isEmpty();
                case "tool_use", "server_tool_use" -> block.path("input").isEmpty();
                default -> false;
            };
        } catch (IOException notJson) {
            return false;
        }
    }

    /** Whether the event closes a stream properly; a stream that ends without one was cut. */
    public static boolean ends(SseEvent event) {
        String type = event.type();
        return type.equals("message_stop") || type.equals("error") || ResponsesStreamEvents.endsStream(type);
    }
}
