package dev.detour.bridge;

import dev.detour.translate.BedrockFrames;
import okio.BufferedSource;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bedrock's {@code application/vnd.amazon.eventstream} body read as Anthropic events, one frame at a time as the
 * bytes arrive (frames may span reads, and a read may hold several). A frame whose CRC does not match ends the
 * stream like a broken connection: nothing after it can be trusted.
 */
public final class EventStreamSource implements EventSource {
    private static final int READ = 8192;
    private final BufferedSource source;
    private final AutoCloseable owner;
    private final Deque<Message> frames = new ArrayDeque<>();
    private final MessageDecoder decoder = new MessageDecoder(frames::add);
    private final byte[] buffer = new byte[READ];

    /** @param owner closed with this source (the upstream response) */
    public EventStreamSource(BufferedSource source, AutoCloseable owner) {
        this.source = source;
        this.owner = owner;
    }

    @Override
    public SseEvent next() throws IOException {
        while (true) {
            while (!frames.isEmpty()) {
                BedrockFrames.Event event;
                try {
                    event = BedrockFrames.decode(frames.removeFirst());
                } catch (IllegalArgumentException bad) {
                    throw new IOException("a Bedrock frame that is not an Anthropic event: " + bad.getMessage());
                }
                if (event != null) {
                    return new SseEvent(event.type(), event.data());
                }
            }
            int n = source.read(buffer, 0, READ);
            if (n < 0) {
                return null;
            }
            try {
                decoder.feed(buffer, 0, n);
            } catch (IllegalArgumentException | IllegalStateException corrupt) {
                throw new IOException("a corrupt Bedrock event-stream frame (" + corrupt.getMessage() + ")");
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
