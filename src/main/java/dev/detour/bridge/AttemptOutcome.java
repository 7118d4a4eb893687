package dev.detour.bridge;

import dev.detour.dialect.UpstreamAnswer;
import dev.detour.wire.FailureClass;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.util.List;

/** How one attempt at one upstream ended: the agent has its answer, or the request may move on. */
sealed interface AttemptOutcome {
    String upstream();

    int status();

    FailureClass failureClass();

    /** The agent got an answer (complete, an error, or a stream ended by an error event). */
    record Delivered(String upstream, int status, FailureClass failureClass) implements AttemptOutcome {
    }

    /** Nothing reached the agent; {@code replay} is what to send it if no other upstream answers, or null. */
    record Failed(String upstream, int status, FailureClass failureClass, String reason, Replay replay)
            implements AttemptOutcome {
    }

    /** The answer a failed upstream gave, kept to send the agent unmodified when nothing else is left. */
    sealed interface Replay {
    }

    record BodyReplay(UpstreamAnswer.Body body) implements Replay {
    }

    record EventsReplay(int status, Headers headers, List<SseEvent> events) implements Replay {
    }
}
