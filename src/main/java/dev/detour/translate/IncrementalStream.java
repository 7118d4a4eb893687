package dev.detour.translate;

import dev.detour.wire.SseEvent;

import java.util.List;

/** A stream translator fed bytes as they arrive from an upstream, giving Anthropic events as they complete. */
public interface IncrementalStream {
    List<SseEvent> feed(byte[] bytes, int offset, int length);

    /** The events owed when the upstream's stream ends, including an error when it ended too early. */
    List<SseEvent> end();

    /** True once the stream has ended, normally or with an error: no more events follow. */
    boolean terminated();
}
