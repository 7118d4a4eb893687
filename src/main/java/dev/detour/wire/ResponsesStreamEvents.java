package dev.detour.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The OpenAI Responses events that a Responses upstream passes through to a Codex agent, as the bridge's hold-back
 * sees them: the lead-in (the response created, items announced, reasoning) carries no content yet; the first text
 * delta or function-call arguments do. {@code response.completed} and {@code response.incomplete} end a stream
 * properly; {@code response.failed} and an {@code error} event end it as a failure. Pure.
 */
public final class ResponsesStreamEvents {
    private static final String PREFIX = "response.";

    private ResponsesStreamEvents() {
    }

    /** Whether the event is a Responses event (the {@code error} event aside, which both dialects name alike). */
    public static boolean isResponses(String type) {
        return type.startsWith(PREFIX);
    }

    /** Whether the event comes before any content, so that the request can still move to another upstream. */
    public static boolean beforeContent(String type, JsonNode data) {
        if (type.startsWith("response.reasoning")) {
            return true;
        }
        return switch (type) {
            case "response.created", "response.in_progress", "response.queued", "response.content_part.added" -> true;
            case "response.output_item.added" -> data.path("item").path("arguments").asText("").isEmpty();
            case "response.output_item.done" -> "reasoning".equals(data.path("item").path("type").asText());
            default -> false;
        };
    }

    /** Whether the event closes a Responses stream (successfully or not); a stream that ends without one was cut. */
    public static boolean endsStream(String type) {
        return type.equals("response.completed") || type.equals("response.incomplete") || type.equals("response.failed");
    }

    /** Whether the event reports a failure: {@code response.failed}. */
    public static boolean failure(String type) {
        return type.equals("response.failed");
    }
}
