package dev.detour.translate;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bedrock frames built byte by byte from the wire layout (not by the library under test) and back. */
class BedrockFramesTest {
    static final String DELTA = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}";

    /** A frame laid out as AWS documents it: lengths, prelude CRC, string headers (type 7), payload, message CRC. */
    static byte[] frame(String[][] headers, byte[] payload) throws Exception {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        DataOutputStream hd = new DataOutputStream(h);
        for (String[] header : headers) {
            byte[] name = header[0].getBytes(StandardCharsets.UTF_8);
            byte[] value = header[1].getBytes(StandardCharsets.UTF_8);
            hd.writeByte(name.length);
            hd.write(name);
            hd.writeByte(7);
            hd.writeShort(value.length);
            hd.write(value);
        }
        int total = 12 + h.size() + payload.length + 4;
        ByteBuffer buffer = ByteBuffer.allocate(total);
        buffer.putInt(total).putInt(h.size());
        CRC32 prelude = new CRC32();
        prelude.update(buffer.array(), 0, 8);
        buffer.putInt((int) prelude.getValue());
        buffer.put(h.toByteArray()).put(payload);
        CRC32 message = new CRC32();
        message.update(buffer.array(), 0, total - 4);
        buffer.putInt((int) message.getValue());
        return buffer.array();
    }

    static byte[] chunkFrame(String eventJson) throws Exception {
        String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(eventJson.getBytes(StandardCharsets.UTF_8)) + "\"}";
        return frame(new String[][]{{":event-type", "chunk"}, {":content-type", "application/json"},
                {":message-type", "event"}}, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHandBuiltChunkDecodesToItsAnthropicEvent() throws Exception {
        BedrockFrames.Event event = BedrockFrames.decode(Message.decode(ByteBuffer.wrap(chunkFrame(DELTA))));
        assertEquals("content_block_delta", event.type());
        assertEquals(DELTA, event.data());
    }

    @Test
    void theEncoderWritesTheSameBytesAsTheWireLayout() throws Exception {
        assertEquals(ByteBuffer.wrap(chunkFrame(DELTA)), ByteBuffer.wrap(BedrockFrames.chunk(DELTA)));
    }

    @Test
    void anExceptionFrameBecomesAnAnthropicErrorEvent() throws Exception {
        byte[] bytes = frame(new String[][]{{":exception-type", "throttlingException"}, {":content-type", "application/json"},
                {":message-type", "exception"}}, "{\"message\":\"Too many tokens\"}".getBytes(StandardCharsets.UTF_8));
        BedrockFrames.Event event = BedrockFrames.decode(Message.decode(ByteBuffer.wrap(bytes)));
        assertEquals("error", event.type());
        assertTrue(event.data().contains("\"type\":\"rate_limit_error\"") && event.data().contains("Too many tokens"), event.data());
        assertEquals(ByteBuffer.wrap(bytes), ByteBuffer.wrap(BedrockFrames.exception("throttlingException", "Too many tokens")));
    }

    @Test
    void framesOfOtherEventTypesAreSkippedAndAChunkWithoutBytesIsRefused() throws Exception {
        byte[] other = frame(new String[][]{{":event-type", "metadata"}, {":message-type", "event"}}, "{}".getBytes());
        assertNull(BedrockFrames.decode(Message.decode(ByteBuffer.wrap(other))));
        byte[] empty = frame(new String[][]{{":event-type", "chunk"}, {":message-type", "event"}}, "{}".getBytes());
        assertThrows(IllegalArgumentException.class, () -> BedrockFrames.decode(Message.decode(ByteBuffer.wrap(empty))));
    }

    @Test
    void aCorruptFrameFailsItsCrc() throws Exception {
        byte[] bytes = chunkFrame(DELTA);
        bytes[bytes.length - 10] ^= 0x01;
        assertThrows(IllegalArgumentException.class, () -> Message.decode(ByteBuffer.wrap(bytes)));
    }
}
