package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.wire.SseEvent;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Asserts that a list of Anthropic events is a well-formed Messages stream, as Claude Code expects it. */
final class AnthropicStreamCheck {
    private AnthropicStreamCheck() {
    }

    /** @return whether the stream ended with {@code message_stop} (else it ended with an {@code error} event) */
    static boolean wellFormed(List<SseEvent> events) {
        assertFalse(events.isEmpty(), "no events");
        int nextIndex = 0;
        int open = -1;
        boolean started = false;
        for (int i = 0; i < events.size(); i++) {
            SseEvent e = events.get(i);
            JsonNode d = e.json();
            assertEquals(e.type(), d.path("type").asText(), "event name and data.type agree");
            boolean last = i == events.size() - 1;
            switch (e.type()) {
                case "message_start" -> {
                    assertEquals(0, i, "message_start comes first");
                    started = true;
                    assertTrue(d.path("message").path("content").isEmpty());
                }
                case "content_block_start" -> {
                    assertTrue(started, "a block before message_start");
                    assertEquals(-1, open, "blocks never overlap");
                    assertEquals(nextIndex, d.path("index").asInt(), "block indexes count up from 0");
                    open = nextIndex;
                }
                case "content_block_delta" -> assertEquals(open, d.path("index").asInt(), "a delta for the open block");
                case "content_block_stop" -> {
                    assertEquals(open, d.path("index").asInt());
                    open = -1;
                    nextIndex++;
                }
                case "message_delta" -> {
                    assertEquals(-1, open, "message_delta after every block closed");
                    assertTrue(d.path("delta").path("stop_reason").isTextual(), "a stop_reason");
                    assertEquals("message_stop", events.get(i + 1).type());
                }
                case "message_stop" -> {
                    assertTrue(last, "message_stop is last");
                    return true;
                }
                case "error" -> {
                    assertTrue(last, "error is last");
                    assertTrue(d.path("error").path("type").isTextual() && d.path("error").path("message").isTextual());
                    return false;
                }
                default -> fail("unexpected event " + e.type());
            }
        }
        fail("the stream ends with neither message_stop nor error: " + events.get(events.size() - 1).type());
        return false;
    }
}
