package dev.detour.dialect;

import okhttp3.Headers;

/**
 * An upstream's answer already in the Anthropic wire format, with the headers the agent may see. Either a whole
 * body (errors, non-streamed replies, models, count_tokens) or a stream of events.
 */
public sealed interface UpstreamAnswer {
    int status();

    Headers headers();

    /** A whole body; {@code body} is what the agent receives, unmodified for a pass-through upstream. */
    record Body(int status, Headers headers, byte[] body) implements UpstreamAnswer {
    }

    /** A {@code 2xx text/event-stream} answer whose events the bridge reads one by one. */
    record Events(int status, Headers headers, EventSource events) implements UpstreamAnswer {
    }
}
