package dev.detour.dialect;

import dev.detour.translate.IncrementalStream;
import dev.detour.wire.SseEvent;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/** An upstream's stream in another dialect, read as it arrives and handed on as Anthropic events. */
final class TranslatedEvents implements EventSource {
    private final BufferedSource source;
    private final Response response;
    private final IncrementalStream translator;
    private final Deque<SseEvent> ready = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];

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
            int n = source.read(buffer);
            ready.addAll(n < 0 ? translator.end() : translator.feed(buffer, 0, n));
        }
        return ready.poll();
    }

    @Override
    public boolean ready() {
        return !ready.isEmpty();
    }

    @Override
    public void close() {
        response.close();
    }
}
