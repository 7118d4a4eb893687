package dev.detour.dialect;

import dev.detour.wire.SseEvent;

import dev.detour.translate.BedrockFrames;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Bedrock stream read as Anthropic events: frames split across reads, several in one read, a CRC failure. */
class EventStreamSourceTest {
    static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"m\"}}";
    static final String DELTA = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}";
    static final String STOP = "{\"type\":\"message_stop\"}";

    /** A source that hands out at most {@code max} bytes per read, as a slow network does. */
    static BufferedSource trickle(byte[] bytes, int max) {
        Buffer all = new Buffer().write(bytes);
        return Okio.buffer(new ForwardingSource(all) {
            @Override
            public long read(Buffer sink, long byteCount) throws IOException {
                return super.read(sink, Math.min(byteCount, max));
            }
        });
    }

    static byte[] stream(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    @Test
    void framesSplitAcrossReadsComeOutWhole() throws Exception {
        byte[] bytes = stream(BedrockFrames.chunk(START), BedrockFrames.chunk(DELTA), BedrockFrames.chunk(STOP));
        for (int max : new int[]{1, 7, 100_000}) {
            try (EventStreamSource source = new EventStreamSource(trickle(bytes, max), () -> { })) {
                assertEquals(new SseEvent("message_start", START), source.next());
                assertEquals(new SseEvent("content_block_delta", DELTA), source.next());
                assertEquals(new SseEvent("message_stop", STOP), source.next());
                assertNull(source.next());
            }
        }
    }

    @Test
    void anExceptionFrameMidStreamIsAnErrorEvent() throws Exception {
        byte[] bytes = stream(BedrockFrames.chunk(START), BedrockFrames.exception("serviceUnavailableException", "try later"));
        try (EventStreamSource source = new EventStreamSource(trickle(bytes, 5), () -> { })) {
            source.next();
            SseEvent error = source.next();
            assertEquals("error", error.type());
            assertTrue(error.data().contains("try later"), error.data());
        }
    }

    @Test
    void aCrcFailureEndsTheStreamAsABrokenConnection() throws Exception {
        byte[] bad = BedrockFrames.chunk(DELTA);
        bad[20] ^= 0x40;
        byte[] bytes = stream(BedrockFrames.chunk(START), bad);
        try (EventStreamSource source = new EventStreamSource(trickle(bytes, 3), () -> { })) {
            assertEquals("message_start", source.next().type());
            IOException e = assertThrows(IOException.class, source::next);
            assertTrue(e.getMessage().contains("corrupt Bedrock event-stream frame"), e.getMessage());
        }
    }

    @Test
    void aStreamCutInsideAFrameEndsWithoutAnEvent() throws Exception {
        byte[] whole = BedrockFrames.chunk(DELTA);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        try (EventStreamSource source = new EventStreamSource(trickle(cut, 4), () -> { })) {
            assertNull(source.next());
        }
    }
}
