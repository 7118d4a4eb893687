package dev.detour.dialect;

import dev.detour.wire.SseEvent;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SseReaderTest {
    @Test
    void readsEventsAndDropsAnEventCutOffByTheEnd() throws IOException {
        Buffer wire = new Buffer().writeUtf8("event: message_start\r\ndata: {\"a\":1}\r\n\r\n: comment\n\n"
                + "data: line one\ndata: line two\n\nevent: content_block_delta\ndata: {\"cut");
        SseReader reader = new SseReader(wire, () -> { });
        SseEvent first = reader.next();
        assertEquals(new SseEvent("message_start", "{\"a\":1}"), first);
        SseEvent second = reader.next();
        assertEquals(new SseEvent(null, "line one\nline two"), second);
        assertEquals("data: line one\ndata: line two\n\n", new String(second.bytes()));
        assertNull(reader.next());
    }

    @Test
    void typeComesFromTheNameOrTheData() {
        assertEquals("ping", new SseEvent("ping", "{}").type());
        assertEquals("error", new SseEvent(null, "{\"type\": \"error\",\"error\":{\"type\":\"x\"}}").type());
    }
}
