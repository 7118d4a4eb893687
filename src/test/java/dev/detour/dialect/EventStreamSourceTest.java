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

    @Test
    void aLengthOutsideTheFrameBoundsIsACorruptStreamThatNamesTheLength() {
        int[][] cases = {{0x01, 0x02, 0x03, 0x04}, {0x01, 0x00, 0x00, 0x01}, {0x00, 0x00, 0x00, 0x0F}, {0xFF, 0xFF, 0xFF, 0xFF}};
        String[] lengths = {"16909060", "16777217", "15", "4294967295"};
        for (int i = 0; i < cases.length; i++) {
            byte[] prefix = new byte[64];
            for (int b = 0; b < 4; b++) {
                prefix[b] = (byte) cases[i][b];
            }
            EventStreamSource source = new EventStreamSource(trickle(prefix, 64), () -> { });
            IOException e = assertThrows(IOException.class, source::next);
            assertEquals("a corrupt Bedrock event-stream frame (length " + lengths[i] + ")", e.getMessage());
        }
    }

    @Test
    void framesOfTheSmallestSizeAndOfUnknownTypesAreSkipped() throws Exception {
        byte[] empty = new software.amazon.eventstream.Message(java.util.Map.of(), new byte[0]).toByteBuffer().array();
        assertEquals(16, empty.length, "a frame with no headers and no payload is the smallest there is");
        try (EventStreamSource source = new EventStreamSource(trickle(stream(empty, BedrockFrames.chunk(STOP)), 100), () -> { })) {
            assertEquals(new SseEvent("message_stop", STOP), source.next());
            assertNull(source.next());
        }
    }

    @Test
    void closingTheSourceClosesItsOwner() throws Exception {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        new EventStreamSource(trickle(new byte[0], 1), closed::incrementAndGet).close();
        assertEquals(1, closed.get());

        EventStreamSource failing = new EventStreamSource(trickle(new byte[0], 1), () -> {
            throw new Exception("checked");
        });
        IOException wrapped = assertThrows(IOException.class, failing::close);
        assertEquals("checked", wrapped.getCause().getMessage());
    }
}
