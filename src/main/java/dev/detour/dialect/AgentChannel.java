package dev.detour.dialect;

import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.io.IOException;

/** The reply side of an agent's request, as the forwarder sees it. Failures to write mean the agent went away. */
public interface AgentChannel {
    /** Sends the status and headers of a reply whose body is exactly {@code body}. */
    void sendWhole(int status, Headers headers, byte[] body) throws AgentGone;

    /** Sends the status and headers of a streamed ({@code text/event-stream}) reply. */
    void startEvents(int status, Headers headers) throws AgentGone;

    /** Sends one event; it reaches the agent at the next {@link #flush} (events that arrived together go at once). */
    void event(SseEvent event) throws AgentGone;

    /**
     * Sends bytes of a started stream as they are, reaching the agent at the next {@link #flush} (a dialect whose
     * events are not SSE, e.g. AWS event-stream frames).
     */
    void frame(byte[] bytes) throws AgentGone;

    /** Delivers the events and frames sent so far to the agent now. */
    void flush() throws AgentGone;

    /**
     * Ends the reply and delivers what is still buffered (a whole body, a stream's end); nothing is sent after it.
     * The forwarder calls it once the request is recorded, before it writes its log line.
     */
    void complete() throws AgentGone;

    /** The agent closed its connection. */
    final class AgentGone extends IOException {
        public AgentGone(IOException cause) {
            super("the agent went away: " + cause.getMessage(), cause);
        }
    }
}
