package dev.detour.dialect;

import dev.detour.wire.SseEvent;
import okio.BufferedSource;

import java.io.IOException;

/** Parses a {@code text/event-stream} body into events as they arrive (no buffering beyond one event). */
public final class SseReader implements EventSource {
    private final BufferedSource source;
    private final AutoCloseable owner;

    /** @param owner closed with this reader (the upstream response) */
    public SseReader(BufferedSource source, AutoCloseable owner) {
        this.source = source;
        this.owner = owner;
    }

    /** An event cut off by the end of the body is dropped: only complete events count. */
    @Override
    public SseEvent next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
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
