package dev.detour.bridge;

import dev.detour.config.Upstream;
import dev.detour.dialect.AgentChannel;
import dev.detour.dialect.AgentErrors;
import dev.detour.dialect.EventSource;
import dev.detour.dialect.UpstreamAnswer;
import dev.detour.wire.FailureClass;
import dev.detour.wire.FailureClassifier;
import dev.detour.wire.SseEvent;
import okhttp3.Call;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Relays an upstream's event stream to the agent with hold-back: until the first content ({@link SseEvent#beforeContent()}) nothing
 * reaches the agent, so an error event or a cut still moves the request to the next upstream. Once content has
 * started, a failure ends the stream with an {@code event: error} (never a fake {@code message_stop}), so the
 * agent's own retry starts over.
 */
final class StreamRelay {
    private final AgentChannel channel;
    private final RequestTrace trace;
    private final BreakerBoard breakers;
    private final StatsBook stats;
    private final int idleLimitS;

    StreamRelay(AgentChannel channel, RequestTrace trace, BreakerBoard breakers, StatsBook stats, int idleLimitS) {
        this.channel = channel;
        this.trace = trace;
        this.breakers = breakers;
        this.stats = stats;
        this.idleLimitS = idleLimitS;
    }

    AttemptOutcome relay(Upstream upstream, UpstreamAnswer.Events answer, Call http, long attemptStart)
            throws AgentChannel.AgentGone {
        String name = upstream.name();
        List<SseEvent> held = new ArrayList<>();
        boolean committed = false;
        SseEvent last = null;
        String cut = null;
        try (EventSource events = answer.events()) {
            SseEvent event;
            while ((event = events.next()) != null) {
                boolean firstContent = !committed;
                if (!committed) {
                    if (event.reportsFailure()) {
                        FailureClass failureClass = FailureClassifier.classifyErrorEvent(event).failureClass();
                        if (failureClass != FailureClass.CLIENT_ERROR) {
                            held.add(event);
                            String reason = "error event before content (" + failureClass.word() + ")";
                            trace.attempt(name + ":200-error-" + failureClass.word());
                            record(name, answer.status(), failureClass, null);
                            breakers.failure(name, reason);
                            return new AttemptOutcome.Failed(name, answer.status(), failureClass, reason,
                                    new AttemptOutcome.EventsReplay(answer.status(), answer.headers(), held));
                        }
                    } else if (event.beforeContent()) {
                        held.add(event);
                        event.bytes(); // its wire form is made now, while the upstream is still on its way to the content
                        continue;
                    }
                    channel.startEvents(answer.status(), answer.headers());
                    trace.firstByte();
                    record(name, answer.status(), FailureClass.OK, (System.nanoTime() - attemptStart) / 1_000_000);
                    for (SseEvent h : held) {
                        channel.event(h);
                    }
                    committed = true;
                }
                channel.event(event);
                last = event;
                if (event.endsStream()) {
                    break;
                }
                if (firstContent || !events.ready()) {
                    channel.flush(); // the first content goes out at once, before what arrived behind it is read
                }
            }
            if (last == null || !last.endsStream()) {
                cut = "the stream ended before message_stop";
            }
        } catch (AgentChannel.AgentGone gone) {
            http.cancel();
            breakers.release(name);
            trace.attempt(name + ":agent-went-away");
            throw gone;
        } catch (IOException e) {
            cut = e instanceof SocketTimeoutException
                    ? "the stream was silent for " + idleLimitS + " s (idle limit)" : UpstreamAttempt.describe(e);
        }
        if (!committed) {
            String reason = cut != null ? cut : "no content";
            trace.attempt(name + ":200-" + reason.replaceAll("[^A-Za-z0-9]+", "-"));
            record(name, answer.status(), FailureClass.OUTAGE, null);
            breakers.failure(name, reason);
            return new AttemptOutcome.Failed(name, answer.status(), FailureClass.OUTAGE, reason, null);
        }
        if (cut != null) {
            http.cancel();
            trace.attempt(name + ":200-cut");
            breakers.failure(name, "stream cut: " + cut);
            channel.event(AgentErrors.streamError("overloaded_error",
                    "detour bridge: the upstream " + name + " failed mid-answer (" + cut + "); retry the request"));
            channel.flush();
            return new AttemptOutcome.Delivered(name, answer.status(), FailureClass.OUTAGE);
        }
        trace.attempt(name + ":" + answer.status());
        if (last.reportsFailure()) {
            FailureClass failureClass = FailureClassifier.classifyErrorEvent(last).failureClass();
            breakers.failure(name, "error event mid-stream (" + failureClass.word() + ")");
            return new AttemptOutcome.Delivered(name, answer.status(), failureClass);
        }
        breakers.success(name);
        return new AttemptOutcome.Delivered(name, answer.status(), FailureClass.OK);
    }

    private void record(String upstream, int status, FailureClass failureClass, Long ttfb) {
        stats.attempt(upstream, new StatsBook.Attempt(Instant.now(), status, failureClass, ttfb));
    }
}
