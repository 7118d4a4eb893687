package dev.detour.dialect;

import dev.detour.wire.SseEvent;

import dev.detour.translate.BedrockFrames;
import okio.Buffer;
import okio.BufferedSource;
import software.amazon.eventstream.Message;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bedrock's {@code application/vnd.amazon.eventstream} body read as Anthropic events, one frame at a time as the
 * bytes arrive (a frame may span reads). The frame's length prefix says how much to wait for; the library decodes
 * the frame and checks both CRCs ({@code MessageDecoder} is not used: it holds a 2 MiB buffer per stream). A frame
 * whose CRC does not match ends the stream like a broken connection: nothing after it can be trusted.
 */
public final class EventStreamSource implements EventSource {
    /** AWS event-stream frames are at most 16 MiB; a larger length prefix is corruption. */
    static final int MAX_FRAME = 16 * 1024 * 1024;
    private static final int MIN_FRAME = 16;
    private final BufferedSource source;
    private final AutoCloseable owner;

    /** @param owner closed with this source (the upstream response) */
    public EventStreamSource(BufferedSource source, AutoCloseable owner) {
        this.source = source;
        this.owner = owner;
    }

    /** The next event; null at the end of the body (a frame cut off by the end is dropped: only whole frames count). */
    @Override
    public SseEvent next() throws IOException {
        while (true) {
            if (!source.request(4)) {
                return null;
            }
            Buffer buffer = source.getBuffer();
            int total = (buffer.getByte(0) & 0xff) << 24 | (buffer.getByte(1) & 0xff) << 16
                    | (buffer.getByte(2) & 0xff) << 8 | buffer.getByte(3) & 0xff;
            if (total < MIN_FRAME || total > MAX_FRAME) {
                throw new IOException("a corrupt Bedrock event-stream frame (length " + Integer.toUnsignedString(total) + ")");
            }
            if (!source.request(total)) {
                return null;
            }
            BedrockFrames.Event event;
            try {
                event = BedrockFrames.decode(Message.decode(ByteBuffer.wrap(source.readByteArray(total))));
            } catch (IllegalArgumentException | IllegalStateException | java.nio.BufferUnderflowException corrupt) {
                throw new IOException("a corrupt Bedrock event-stream frame (" + corrupt.getMessage() + ")");
            }
            if (event != null) {
                return new SseEvent(event.type(), event.data());
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            owner.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
