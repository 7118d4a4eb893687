package dev.detour.dialect;

import dev.detour.wire.SseDecoder;
import dev.detour.wire.SseEvent;
import okio.BufferedSource;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** An upstream's {@code text/event-stream} body as events, decoded as bytes arrive (no buffering beyond one read). */
public final class SseReader implements EventSource {
    private final BufferedSource source;
    private final AutoCloseable owner;
    private final SseDecoder decoder = new SseDecoder();
    private final Deque<SseEvent> ready = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];

    /** @param owner closed with this reader (the upstream response) */
    public SseReader(BufferedSource source, AutoCloseable owner) {
        this.source = source;
        this.owner = owner;
    }

    /** An event cut off by the end of the body is dropped: only complete events count. */
    @Override
    public SseEvent next() throws IOException {
        while (ready.isEmpty()) {
            int n = source.read(buffer);
            if (n < 0) {
                return null;
            }
            ready.addAll(decoder.feed(buffer, 0, n));
            if (decoder.pendingLine() > BoundedBody.MAX_EVENT_LINE) {
                throw new IOException("an event line longer than " + BoundedBody.MAX_EVENT_LINE / (1024 * 1024) + " MiB");
            }
        }
        return ready.poll();
    }

    @Override
    public boolean ready() {
        return !ready.isEmpty();
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
