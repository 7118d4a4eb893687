package dev.detour.dialect;

import dev.detour.translate.IncrementalStream;
import dev.detour.wire.SseEvent;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An upstream's event stream in another dialect, read as it arrives and handed on as Anthropic events. What one read
 * brought is translated one upstream event at a time, as the relay asks: the first content goes on without waiting
 * for the translation of whatever arrived behind it.
 */
final class TranslatedEvents implements EventSource {
    private final BufferedSource source;
    private final Response response;
    private final IncrementalStream translator;
    private final Deque<SseEvent> ready = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;

    TranslatedEvents(BufferedSource source, Response response, IncrementalStream translator) {
        this.source = source;
        this.response = response;
        this.translator = translator;
    }

    @Override
    public SseEvent next() throws IOException {
        while (ready.isEmpty()) {
            if (translator.terminated()) {
                return null;
            }
            if (position < limit) {
                int end = eventEnd(buffer, position, limit);
                ready.addAll(translator.feed(buffer, position, end - position));
                position = end;
                continue;
            }
            int n = source.read(buffer);
            if (n < 0) {
                ready.addAll(translator.end());
            } else {
                position = 0;
                limit = n;
            }
        }
        return ready.poll();
    }

    /** Just past the blank line that ends the first event in {@code bytes[from, to)}, or {@code to}. */
    static int eventEnd(byte[] bytes, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (bytes[i] == '\n' && (bytes[i + 1] == '\n' || bytes[i + 1] == '\r' && i + 2 < to && bytes[i + 2] == '\n')) {
                return bytes[i + 1] == '\n' ? i + 2 : i + 3;
            }
        }
        return to;
    }

    /** Events are ready when translated already, or when bytes that arrived wait for their translation. */
    @Override
    public boolean ready() {
        return !ready.isEmpty() || position < limit;
    }

    @Override
    public void close() {
        response.close();
    }
}
