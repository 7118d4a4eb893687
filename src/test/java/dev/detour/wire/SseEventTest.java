package dev.detour.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one event shape: what comes before content, what ends a stream, the wire form, and lazy JSON both ways. */
class SseEventTest {
    @Test
    void holdsOnlyWhatCarriesNoContent() {
        assertTrue(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{}}").beforeContent());
        assertTrue(new SseEvent("ping", "{\"type\":\"ping\"}").beforeContent());
        assertTrue(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}").beforeContent());
        assertTrue(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Read\",\"input\":{}}}").beforeContent());
        assertFalse(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"Hi\"}}").beforeContent());
        assertFalse(new SseEvent("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}").beforeContent());
        assertFalse(new SseEvent("message_delta", "{\"type\":\"message_delta\"}").beforeContent());
        assertFalse(new SseEvent("some_future_event", "{}").beforeContent(), "unknown events pass through at once");
    }

    @Test
    void aStreamEndsOnlyWithMessageStopOrError() {
        assertTrue(new SseEvent("message_stop", "{\"type\":\"message_stop\"}").endsStream());
        assertTrue(new SseEvent(null, "{\"type\":\"error\",\"error\":{}}").endsStream());
        assertFalse(new SseEvent("message_delta", "{\"type\":\"message_delta\"}").endsStream());
    }

    @Test
    void anEventReadOffTheWireKeepsItsTextAndABuiltOneItsTree() throws Exception {
        SseEvent read = new SseEvent("message_delta", "{\"type\":\"message_delta\",  \"x\":1}");
        assertEquals("{\"type\":\"message_delta\",  \"x\":1}", read.data(), "passed through byte for byte");
        assertEquals(1, read.json().path("x").asInt());
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"type\":\"ping\"}");
        SseEvent built = new SseEvent("ping", tree);
        assertSame(tree, built.json(), "a built event is not parsed back");
        assertEquals("event: ping\ndata: {\"type\":\"ping\"}\n\n", new String(built.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("data: a\ndata: b\n\n", new String(new SseEvent(null, "a\nb").bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("data: \n\n", new String(new SseEvent(null, "").bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("event: x\ndata: \ndata: a\ndata: \ndata: \n\n",
                new String(new SseEvent("x", "\na\n\n").bytes(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(new SseEvent("ping", "{\"type\":\"ping\"}"), built);
        com.fasterxml.jackson.databind.JsonNode text = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"a\\nb \\u00fc \\u2028 \\ud83d\\ude80 \\\"q\\\"\"}}");
        for (String name : java.util.Arrays.asList(null, "content_block_delta")) {
            SseEvent fromTree = new SseEvent(name, text);
            assertEquals(new String(new SseEvent(name, fromTree.data()).bytes(), java.nio.charset.StandardCharsets.UTF_8),
                    new String(new SseEvent(name, text).bytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "a built event's wire form is the one its text gives");
        }
        assertEquals("error", new SseEvent(null, "{\"type\": \"error\",\"error\":{\"type\":\"x\"}}").type());
        assertEquals("", new SseEvent(null, "not json").type());
    }
}
