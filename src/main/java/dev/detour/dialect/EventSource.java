package dev.detour.dialect;

import dev.detour.wire.SseEvent;

import java.io.Closeable;
import java.io.IOException;

/** A stream of Anthropic-wire events read from an upstream, one at a time. */
public interface EventSource extends Closeable {
    /**
     * The next event; null at the end of the upstream body. A read that stays silent longer than the idle limit, or a
     * broken connection, throws.
     */
    SseEvent next() throws IOException;

    /**
     * Whether {@link #next} answers at once from what already arrived: the relay then delivers the events together.
     * False when unknown (each event is delivered on its own).
     */
    default boolean ready() {
        return false;
    }
}
