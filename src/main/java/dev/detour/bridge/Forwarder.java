package dev.detour.bridge;

import dev.detour.config.Upstream;
import dev.detour.health.FailureClass;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Carries one agent request to the first upstream of the session's route that answers, family-neutrally (the
 * wire format is the {@link UpstreamProtocol}'s). Before anything reached the agent a failing upstream hands the
 * request to the next eligible one; once content has started, a failure ends the stream with an Anthropic
 * {@code event: error} (never a fake {@code message_stop}), so the agent's own retry starts over.
 */
public final class Forwarder {
    /** How long a non-streamed reply may take: the whole reply is computed before its first byte. */
    static final Duration PLAIN_READ_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Headers EVENT_STREAM = Headers.of("Content-Type", "text/event-stream; charset=utf-8");
    static final Headers JSON = Headers.of("Content-Type", "application/json");

    /** What happens around requests: the journal, the log, stats. */
    public interface Observer {
        void failover(String from, String to, String reason);

        void log(String line);
    }

    private final java.util.concurrent.CompletableFuture<OkHttpClient> client;
    private volatile OkHttpClient plainClient;
    private final UpstreamProtocols protocols;
    private final BreakerBoard breakers;
    private final StatsBook stats;
    private final Supplier<LiveConfig.Snapshot> config;
    private final Function<String, String> env;
    private final Observer observer;
    private final ThinkingHygiene thinking = new ThinkingHygiene();
    private volatile IdleClient streaming;

    /** The client for streamed replies, whose read timeout is the idle limit in force when it was made. */
    private record IdleClient(int idleS, OkHttpClient client) {
    }

    /** @param client the shared upstream client, possibly still being built (the bridge binds its port meanwhile) */
    public Forwarder(java.util.concurrent.CompletableFuture<OkHttpClient> client, UpstreamProtocols protocols,
                     BreakerBoard breakers, StatsBook stats, Supplier<LiveConfig.Snapshot> config,
                     Function<String, String> env, Observer observer) {
        this.client = client;
        this.protocols = protocols;
        this.breakers = breakers;
        this.stats = stats;
        this.config = config;
        this.env = env;
        this.observer = observer;
    }

    /**
     * Builds the shared client on a background thread: loading OkHttp and the platform's TLS setup is the slowest
     * part of a bridge's start, and it need not delay binding the port.
     */
    public static java.util.concurrent.CompletableFuture<OkHttpClient> sharedClientInBackground() {
        java.util.concurrent.CompletableFuture<OkHttpClient> future = new java.util.concurrent.CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                future.complete(sharedClient());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "bridge-http-client");
        builder.setDaemon(true);
        builder.start();
        return future;
    }

    /** The one upstream HTTP client the bridge shares: no silent retries (failover is the bridge's), no redirects. */
    public static OkHttpClient sharedClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /** The plan for the current config: which upstreams a request may use, and why the others are left out. */
    public FailoverPlan plan(LiveConfig.Snapshot snapshot) {
        return FailoverPlan.of(snapshot.config(), snapshot.session(), u -> protocols.forUpstream(u).isPresent(), env);
    }

    /** Forwards one request and answers the agent; returns the record for stats. Never throws. */
    public BridgeStats.RequestRecord forward(AgentRequest agent, AgentChannel channel) {
        return new Run(agent, channel, config.get()).run();
    }

    /** Nothing reached the agent; {@code replay} is what to send it if no other upstream answers. */
    /** How one attempt ended: the agent has its answer, or the request may move on. */
    private sealed interface Outcome permits Delivered, Failed {
    }

    private record Failed(String upstream, int status, FailureClass failureClass, String reason, Replay replay)
            implements Outcome {
    }

    /** The answer a failed upstream gave, kept to send the agent unmodified when nothing else is left. */
    private sealed interface Replay permits BodyReplay, EventsReplay {
    }

    private record BodyReplay(UpstreamAnswer.Body body) implements Replay {
    }

    private record EventsReplay(int status, Headers headers, List<SseEvent> events) implements Replay {
    }

    /** The agent got an answer (complete, an error, or a stream ended by an error event). */
    private record Delivered(String upstream, int status, FailureClass failureClass) implements Outcome {
    }

    private final class Run {
        final AgentRequest agent;
        final AgentChannel channel;
        final LiveConfig.Snapshot snapshot;
        final long startNanos = System.nanoTime();
        final Instant startTime = Instant.now();
        final List<String> attempts = new ArrayList<>();
        Long ttfbMs;
        String mappedModel;

        Run(AgentRequest agent, AgentChannel channel, LiveConfig.Snapshot snapshot) {
            this.agent = agent;
            this.channel = channel;
            this.snapshot = snapshot;
        }

        BridgeStats.RequestRecord run() {
            Delivered delivered;
            try {
                delivered = route();
            } catch (AgentChannel.AgentGone gone) {
                delivered = new Delivered(lastUpstream(), 0, null);
            }
            BridgeStats.RequestRecord record = new BridgeStats.RequestRecord(startTime, agent.method(), agent.path(),
                    delivered.upstream(), delivered.status(), ttfbMs, elapsedMs(),
                    delivered.failureClass() == null || delivered.failureClass() == FailureClass.OK ? null
                            : delivered.failureClass().word(),
                    agent.claudeSession(), agent.model(), mappedModel, List.copyOf(attempts));
            observer.log(agent.method() + " " + agent.pathAndQuery() + " model=" + agent.model() + " -> "
                    + delivered.upstream() + " " + delivered.status() + " ttfb=" + ttfbMs + "ms dur=" + record.durationMs()
                    + "ms attempts=" + attempts + (agent.claudeSession() != null ? " claude=" + agent.claudeSession() : ""));
            return record;
        }

        private Delivered route() throws AgentChannel.AgentGone {
            FailoverPlan plan = plan(snapshot);
            List<String> notes = new ArrayList<>();
            List<BreakerBoard.Choice> choices = breakers.choose(plan.eligible(), System.nanoTime(), notes);
            attempts.addAll(notes);
            Failed last = null;
            Replay replay = null;
            for (int i = 0; i < choices.size(); i++) {
                Upstream upstream = choices.get(i).upstream();
                if (last != null) {
                    observer.failover(last.upstream(), upstream.name(), last.reason());
                }
                Outcome outcome = attempt(upstream, thinking.prepare(agent, upstream), false);
                if (outcome instanceof Delivered delivered) {
                    if (delivered.status() < 400) {
                        thinking.answered(agent, upstream.name());
                    }
                    return delivered;
                }
                last = (Failed) outcome;
                if (last.replay() != null) {
                    replay = last.replay();
                }
            }
            if (replay != null) {
                return deliverReplay(last, replay);
            }
            String why = last != null ? last.upstream() + ": " + last.reason()
                    : "no usable upstream in the route " + snapshot.session().route() + " " + plan.skipped();
            int status = last != null && last.failureClass() == FailureClass.OUTAGE ? 504 : 502;
            channel.sendWhole(status, JSON, AgentErrors.body("api_error", "detour bridge: no upstream answered (" + why + ")"));
            markFirstByte();
            return new Delivered(last != null ? last.upstream() : null, status,
                    last != null ? last.failureClass() : FailureClass.UNREACHABLE);
        }

        private Delivered deliverReplay(Failed last, Replay replay) throws AgentChannel.AgentGone {
            if (replay instanceof BodyReplay body) {
                channel.sendWhole(body.body().status(), body.body().headers(), body.body().body());
                markFirstByte();
                return new Delivered(last.upstream(), body.body().status(), last.failureClass());
            }
            EventsReplay events = (EventsReplay) replay;
            channel.startEvents(events.status(), events.headers());
            markFirstByte();
            for (SseEvent event : events.events()) {
                channel.event(event);
            }
            return new Delivered(last.upstream(), events.status(), last.failureClass());
        }

        /**
         * @param sent              the agent's request as this upstream gets it (thinking from elsewhere stripped)
         * @param signatureRetried  whether this is the one retry after a refused thinking signature
         */
        private Outcome attempt(Upstream upstream, AgentRequest sent, boolean signatureRetried) throws AgentChannel.AgentGone {
            UpstreamProtocol protocol = protocols.forUpstream(upstream).orElseThrow();
            UpstreamAnswer.Body local = protocol.local(sent, upstream);
            if (local != null) {
                boolean estimate = local.headers().get(OpenAiChatCompletions.ESTIMATE_HEADER) != null;
                attempts.add(upstream.name() + ":" + local.status() + (estimate ? "-estimate" : "-local"));
                channel.sendWhole(local.status(), local.headers(), local.body());
                markFirstByte();
                return new Delivered(upstream.name(), local.status(), FailoverRules.classify(local.status(), local.body()));
            }
            UpstreamCall call;
            try {
                call = protocol.call(sent, upstream, FailoverPlan.credential(upstream, agent, env));
            } catch (UpstreamProtocol.UnsupportedRequest unsupported) {
                attempts.add(upstream.name() + ":unsupported");
                return new Failed(upstream.name(), 0, FailureClass.CLIENT_ERROR, unsupported.getMessage(), null);
            }
            if (call.mappedModel() != null) {
                mappedModel = call.mappedModel();
            }
            call.notes().forEach(observer::log);
            long attemptStart = System.nanoTime();
            Call http = client().newCall(call.request());
            UpstreamAnswer answer;
            try {
                Response response = http.execute();
                answer = protocol.answer(sent, call, response);
            } catch (IOException e) {
                return unreachable(upstream, e, attemptStart);
            }
            if (answer instanceof UpstreamAnswer.Body body) {
                AgentRequest stripped = signatureRetried || !ThinkingHygiene.invalidSignature(body.status(), body.body())
                        ? null : ThinkingHygiene.withoutThinking(sent);
                if (stripped != null) {
                    attempts.add(upstream.name() + ":400-thinking-signature");
                    observer.log("retrying " + upstream.name() + " once without thinking blocks: it refused their signatures");
                    return attempt(upstream, stripped, true);
                }
                return whole(upstream, body, attemptStart);
            }
            return stream(upstream, (UpstreamAnswer.Events) answer, http, attemptStart);
        }

        private Failed unreachable(Upstream upstream, IOException e, long attemptStart) {
            boolean unreachable = e instanceof ConnectException || e instanceof UnknownHostException
                    || e instanceof java.net.NoRouteToHostException;
            FailureClass failureClass = unreachable ? FailureClass.UNREACHABLE : FailureClass.OUTAGE;
            String reason = describe(e);
            attempts.add(upstream.name() + ":" + reason);
            record(upstream, 0, failureClass, null);
            breakers.failure(upstream.name(), reason);
            return new Failed(upstream.name(), 0, failureClass, reason, null);
        }

        private Outcome whole(Upstream upstream, UpstreamAnswer.Body body, long attemptStart) throws AgentChannel.AgentGone {
            int status = body.status();
            FailureClass failureClass = status >= 400 ? FailoverRules.classify(status, body.body()) : FailureClass.OK;
            Long ttfb = (System.nanoTime() - attemptStart) / 1_000_000;
            attempts.add(upstream.name() + ":" + status);
            record(upstream, status, failureClass, ttfb);
            if (FailoverRules.failsOver(status)) {
                breakers.failure(upstream.name(), status + " " + failureClass.word());
                return new Failed(upstream.name(), status, failureClass, status + " " + failureClass.word(), new BodyReplay(body));
            }
            breakers.success(upstream.name());
            channel.sendWhole(status, body.headers(), body.body());
            markFirstByte();
            return new Delivered(upstream.name(), status, failureClass);
        }

        private Outcome stream(Upstream upstream, UpstreamAnswer.Events answer, Call http, long attemptStart)
                throws AgentChannel.AgentGone {
            List<SseEvent> held = new ArrayList<>();
            boolean committed = false;
            SseEvent last = null;
            String cut = null;
            try (EventSource events = answer.events()) {
                SseEvent event;
                while ((event = events.next()) != null) {
                    if (!committed) {
                        if (event.type().equals("error")) {
                            FailureClass failureClass = FailoverRules.classifyErrorEvent(event.data());
                            if (failureClass != FailureClass.CLIENT_ERROR) {
                                held.add(event);
                                String reason = "error event before content (" + failureClass.word() + ")";
                                attempts.add(upstream.name() + ":200-error-" + failureClass.word());
                                record(upstream, answer.status(), failureClass, null);
                                breakers.failure(upstream.name(), reason);
                                return new Failed(upstream.name(), answer.status(), failureClass, reason,
                                        new EventsReplay(answer.status(), answer.headers(), held));
                            }
                        } else if (HoldBack.holds(event)) {
                            held.add(event);
                            continue;
                        }
                        channel.startEvents(answer.status(), answer.headers());
                        markFirstByte();
                        record(upstream, answer.status(), FailureClass.OK, (System.nanoTime() - attemptStart) / 1_000_000);
                        for (SseEvent h : held) {
                            channel.event(h);
                        }
                        committed = true;
                    }
                    channel.event(event);
                    last = event;
                    if (HoldBack.ends(event)) {
                        break;
                    }
                }
                if (last == null || !HoldBack.ends(last)) {
                    cut = "the stream ended before message_stop";
                }
            } catch (AgentChannel.AgentGone gone) {
                http.cancel();
                breakers.release(upstream.name());
                attempts.add(upstream.name() + ":agent-went-away");
                throw gone;
            } catch (IOException e) {
                cut = e instanceof SocketTimeoutException
                        ? "the stream was silent for " + idleLimitS() + " s (idle limit)" : describe(e);
            }
            if (!committed) {
                String reason = cut != null ? cut : "no content";
                attempts.add(upstream.name() + ":200-" + shortly(reason));
                record(upstream, answer.status(), FailureClass.OUTAGE, null);
                breakers.failure(upstream.name(), reason);
                return new Failed(upstream.name(), answer.status(), FailureClass.OUTAGE, reason, null);
            }
            if (cut != null) {
                http.cancel();
                attempts.add(upstream.name() + ":200-cut");
                breakers.failure(upstream.name(), "stream cut: " + cut);
                channel.event(AgentErrors.streamError("overloaded_error",
                        "detour bridge: the upstream " + upstream.name() + " failed mid-answer (" + cut + "); retry the request"));
                return new Delivered(upstream.name(), answer.status(), FailureClass.OUTAGE);
            }
            attempts.add(upstream.name() + ":" + answer.status());
            if (last.type().equals("error")) {
                FailureClass failureClass = FailoverRules.classifyErrorEvent(last.data());
                breakers.failure(upstream.name(), "error event mid-stream (" + failureClass.word() + ")");
                return new Delivered(upstream.name(), answer.status(), failureClass);
            }
            breakers.success(upstream.name());
            return new Delivered(upstream.name(), answer.status(), FailureClass.OK);
        }

        private void record(Upstream upstream, int status, FailureClass failureClass, Long ttfb) {
            stats.attempt(upstream.name(), new StatsBook.Attempt(Instant.now(), status, failureClass, ttfb));
        }

        private void markFirstByte() {
            if (ttfbMs == null) {
                ttfbMs = (System.nanoTime() - startNanos) / 1_000_000;
            }
        }

        private long elapsedMs() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        private String lastUpstream() {
            for (int i = attempts.size() - 1; i >= 0; i--) {
                int colon = attempts.get(i).indexOf(':');
                if (colon > 0) {
                    return attempts.get(i).substring(0, colon);
                }
            }
            return null;
        }

        private OkHttpClient client() {
            return agent.stream() ? streamingClient() : plainClient();
        }

        private int idleLimitS() {
            return snapshot.config().settings().idleTimeoutS();
        }

        private OkHttpClient streamingClient() {
            int idle = idleLimitS();
            IdleClient current = streaming;
            if (current == null || current.idleS() != idle) {
                current = new IdleClient(idle, plainClient().newBuilder().readTimeout(Duration.ofSeconds(idle)).build());
                streaming = current;
            }
            return current.client();
        }
    }

    private OkHttpClient plainClient() {
        OkHttpClient plain = plainClient;
        if (plain == null) {
            plain = client.join().newBuilder().readTimeout(PLAIN_READ_TIMEOUT).build();
            plainClient = plain;
        }
        return plain;
    }

    static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "timeout";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message != null ? " " + message : "");
    }

    private static String shortly(String reason) {
        return reason.replaceAll("[^A-Za-z0-9]+", "-");
    }
}
