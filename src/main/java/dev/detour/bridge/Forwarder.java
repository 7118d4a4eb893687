package dev.detour.bridge;

import dev.detour.config.Upstream;
import dev.detour.dialect.AgentChannel;
import dev.detour.dialect.AgentErrors;
import dev.detour.dialect.AgentRequest;
import dev.detour.dialect.UpstreamProtocols;
import dev.detour.wire.BridgeStats;
import dev.detour.wire.FailureClass;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;
import okhttp3.OkHttpClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries one canonical request to the first upstream of the session's route that answers: the failover loop. Each
 * try is an {@link UpstreamAttempt} in the upstream's dialect ({@link UpstreamProtocols}); the forwarder never
 * branches on a dialect. Before anything reached the agent a failing upstream hands the request to the next eligible
 * one; when none is left, the agent gets the last upstream's own answer unmodified.
 */
public final class Forwarder {
    static final Headers JSON = Headers.of("Content-Type", "application/json");

    /** What happens around requests: the journal, the log, stats. */
    public interface Observer {
        void failover(String from, String to, String reason);

        void log(String line);
    }

    private final UpstreamClients clients;
    private final UpstreamProtocols protocols;
    private final BreakerBoard breakers;
    private final StatsBook stats;
    private final Supplier<LiveConfig.Snapshot> config;
    private final Function<String, String> env;
    private final Observer observer;
    private final ThinkingHygiene thinking = new ThinkingHygiene();

    /** @param client the shared upstream client, possibly still being built (the bridge binds its port meanwhile) */
    public Forwarder(CompletableFuture<OkHttpClient> client, UpstreamProtocols protocols,
                     BreakerBoard breakers, StatsBook stats, Supplier<LiveConfig.Snapshot> config,
                     Function<String, String> env, Observer observer) {
        this.clients = new UpstreamClients(client, env);
        this.protocols = protocols;
        this.breakers = breakers;
        this.stats = stats;
        this.config = config;
        this.env = env;
        this.observer = observer;
    }

    /** The shared upstream client, built on a background thread so that it does not delay binding the port. */
    public static CompletableFuture<OkHttpClient> sharedClientInBackground() {
        return UpstreamClients.sharedClientInBackground();
    }

    /** The plan for the current config: which upstreams a request may use, and why the others are left out. */
    public FailoverPlan plan(LiveConfig.Snapshot snapshot) {
        return FailoverPlan.of(snapshot.config(), snapshot.session(), u -> protocols.forUpstream(u).isPresent(), env);
    }

    /**
     * Forwards one request and answers the agent: the request is in the stats before the agent has the whole answer,
     * and the log line is written after. Never throws.
     */
    public void forward(AgentRequest agent, AgentChannel channel) {
        LiveConfig.Snapshot snapshot = config.get();
        RequestTrace trace = new RequestTrace(agent);
        AttemptOutcome.Delivered delivered;
        try {
            delivered = route(agent, channel, snapshot, trace);
        } catch (AgentChannel.AgentGone gone) {
            delivered = new AttemptOutcome.Delivered(trace.lastUpstream(), 0, null);
        }
        BridgeStats.RequestRecord record = trace.record(delivered);
        stats.request(record);
        try {
            channel.complete();
        } catch (AgentChannel.AgentGone gone) {
            // the agent left after its answer started; the record and the log line stand
        }
        observer.log(trace.logLine(record));
    }

    private AttemptOutcome.Delivered route(AgentRequest agent, AgentChannel channel, LiveConfig.Snapshot snapshot,
                                           RequestTrace trace) throws AgentChannel.AgentGone {
        FailoverPlan plan = plan(snapshot);
        List<String> notes = new ArrayList<>();
        List<BreakerBoard.Choice> choices = breakers.choose(plan.eligible(), System.nanoTime(), notes);
        notes.forEach(trace::attempt);
        AttemptOutcome.Failed last = null;
        AttemptOutcome.Replay replay = null;
        for (BreakerBoard.Choice choice : choices) {
            Upstream upstream = choice.upstream();
            if (last != null) {
                observer.failover(last.upstream(), upstream.name(), last.reason());
            }
            UpstreamAttempt attempt = new UpstreamAttempt(protocols.forUpstream(upstream).orElseThrow(), clients,
                    observer, breakers, stats, env, agent, channel, trace, snapshot);
            AttemptOutcome outcome = attempt.run(upstream, thinking.prepare(agent, upstream), false);
            if (outcome instanceof AttemptOutcome.Delivered delivered) {
                if (delivered.status() < 400) {
                    thinking.answered(agent, upstream.name());
                }
                return delivered;
            }
            last = (AttemptOutcome.Failed) outcome;
            if (last.replay() != null) {
                replay = last.replay();
            }
        }
        if (replay != null) {
            return deliverReplay(channel, trace, last, replay);
        }
        String why = last != null ? last.upstream() + ": " + last.reason()
                : "no usable upstream in the route " + snapshot.session().route() + " " + plan.skipped();
        int status = last != null && last.failureClass() == FailureClass.OUTAGE ? 504 : 502;
        channel.sendWhole(status, JSON, AgentErrors.body("api_error", "detour bridge: no upstream answered (" + why + ")"));
        trace.firstByte();
        return new AttemptOutcome.Delivered(last != null ? last.upstream() : null, status,
                last != null ? last.failureClass() : FailureClass.UNREACHABLE);
    }

    /** The last upstream answer that was held back goes to the agent unmodified (Claude Code matches its wording). */
    private static AttemptOutcome.Delivered deliverReplay(AgentChannel channel, RequestTrace trace,
                                                          AttemptOutcome.Failed last, AttemptOutcome.Replay replay)
            throws AgentChannel.AgentGone {
        if (replay instanceof AttemptOutcome.BodyReplay body) {
            channel.sendWhole(body.body().status(), body.body().headers(), body.body().body());
            trace.firstByte();
            return new AttemptOutcome.Delivered(last.upstream(), body.body().status(), last.failureClass());
        }
        AttemptOutcome.EventsReplay events = (AttemptOutcome.EventsReplay) replay;
        channel.startEvents(events.status(), events.headers());
        trace.firstByte();
        for (SseEvent event : events.events()) {
            channel.event(event);
        }
        channel.flush();
        return new AttemptOutcome.Delivered(last.upstream(), events.status(), last.failureClass());
    }
}
