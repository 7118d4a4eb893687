package dev.detour.bridge;

import dev.detour.config.Upstream;
import dev.detour.net.NetworkException;
import dev.detour.dialect.AgentChannel;
import dev.detour.dialect.AgentRequest;
import dev.detour.dialect.OpenAiChatCompletions;
import dev.detour.dialect.UpstreamAnswer;
import dev.detour.dialect.UpstreamCall;
import dev.detour.dialect.UpstreamProtocol;
import dev.detour.wire.FailureClass;
import dev.detour.wire.FailureClassifier;
import okhttp3.Call;
import okhttp3.Response;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * One try of one upstream for one request: a local answer, or the protocol's request sent with the first-byte limit,
 * the answer classified and either delivered or handed back for failover. Streams go to the {@link StreamRelay}.
 */
final class UpstreamAttempt {
    private final UpstreamProtocol protocol;
    private final UpstreamClients clients;
    private final Forwarder.Observer observer;
    private final BreakerBoard breakers;
    private final StatsBook stats;
    private final Function<String, String> env;
    private final AgentRequest agent;
    private final AgentChannel channel;
    private final RequestTrace trace;
    private final LiveConfig.Snapshot snapshot;

    UpstreamAttempt(UpstreamProtocol protocol, UpstreamClients clients, Forwarder.Observer observer, BreakerBoard breakers,
                    StatsBook stats, Function<String, String> env, AgentRequest agent, AgentChannel channel,
                    RequestTrace trace, LiveConfig.Snapshot snapshot) {
        this.protocol = protocol;
        this.clients = clients;
        this.observer = observer;
        this.breakers = breakers;
        this.stats = stats;
        this.env = env;
        this.agent = agent;
        this.channel = channel;
        this.trace = trace;
        this.snapshot = snapshot;
    }

    /**
     * @param sent             the agent's request as this upstream gets it (thinking from elsewhere stripped)
     * @param signatureRetried whether this is the one retry after a refused thinking signature
     */
    AttemptOutcome run(Upstream upstream, AgentRequest sent, boolean signatureRetried) throws AgentChannel.AgentGone {
        UpstreamAnswer.Body local = protocol.local(sent, upstream);
        if (local != null) {
            boolean estimate = local.headers().get(OpenAiChatCompletions.ESTIMATE_HEADER) != null;
            trace.attempt(upstream.name() + ":" + local.status() + (estimate ? "-estimate" : "-local"));
            channel.sendWhole(local.status(), local.headers(), local.body());
            trace.firstByte();
            return new AttemptOutcome.Delivered(upstream.name(), local.status(),
                    FailureClassifier.classify(local.status(), local.headers(), local.body()).failureClass());
        }
        UpstreamCall call;
        try {
            call = protocol.call(sent, upstream, FailoverPlan.credential(upstream, agent, env,
                    clients.egress(snapshot.config().settings())));
        } catch (UpstreamProtocol.UnsupportedRequest unsupported) {
            trace.attempt(upstream.name() + ":unsupported");
            return new AttemptOutcome.Failed(upstream.name(), 0, FailureClass.CLIENT_ERROR, unsupported.getMessage(), null);
        }
        trace.mappedModel(call.mappedModel());
        call.notes().forEach(observer::log);
        long attemptStart = System.nanoTime();
        int idleS = snapshot.config().settings().idleTimeoutS();
        Call http;
        try {
            http = clients.forRequest(upstream, snapshot.config().settings()).newCall(call.request());
        } catch (NetworkException unusable) {
            trace.attempt(upstream.name() + ":network-settings");
            return new AttemptOutcome.Failed(upstream.name(), 0, FailureClass.UNREACHABLE, unusable.getMessage(), null);
        }
        UpstreamAnswer answer;
        try {
            Response response = UpstreamClients.execute(http,
                    Duration.ofSeconds(upstream.firstByteTimeoutS(snapshot.config().settings())),
                    agent.stream() ? Duration.ofSeconds(idleS) : UpstreamClients.PLAIN_READ_TIMEOUT);
            answer = answer(sent, call, response);
        } catch (IOException e) {
            return unreachable(upstream, e);
        }
        if (answer instanceof UpstreamAnswer.Body body) {
            AgentRequest stripped = signatureRetried || !ThinkingHygiene.invalidSignature(body.status(), body.body())
                    ? null : ThinkingHygiene.withoutThinking(sent);
            if (stripped != null) {
                trace.attempt(upstream.name() + ":400-thinking-signature");
                observer.log("retrying " + upstream.name() + " once without thinking blocks: it refused their signatures");
                return run(upstream, stripped, true);
            }
            return whole(upstream, body, attemptStart);
        }
        return new StreamRelay(channel, trace, breakers, stats, idleS)
                .relay(upstream, (UpstreamAnswer.Events) answer, http, attemptStart);
    }

    /** The protocol adapts a 2xx answer; any other is read whole and mapped to the Anthropic error it stands for. */
    private UpstreamAnswer answer(AgentRequest sent, UpstreamCall call, Response response) throws IOException {
        if (response.isSuccessful()) {
            return protocol.success(sent, call, response);
        }
        byte[] body;
        try (response) {
            body = response.body().bytes();
        }
        return protocol.failure(sent, call, response.code(), response.headers(), body);
    }

    /** No answer: refused, unresolvable, broken, or silent past the first-byte limit. The request moves on. */
    private AttemptOutcome.Failed unreachable(Upstream upstream, IOException e) {
        boolean unreachable = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
        FailureClass failureClass = unreachable ? FailureClass.UNREACHABLE : FailureClass.OUTAGE;
        String reason = describe(e);
        trace.attempt(upstream.name() + ":" + reason);
        record(upstream, 0, failureClass, null);
        breakers.failure(upstream.name(), reason);
        return new AttemptOutcome.Failed(upstream.name(), 0, failureClass, reason, null);
    }

    private AttemptOutcome whole(Upstream upstream, UpstreamAnswer.Body body, long attemptStart) throws AgentChannel.AgentGone {
        int status = body.status();
        FailureClass failureClass = FailureClassifier.classify(status, body.headers(), body.body()).failureClass();
        trace.attempt(upstream.name() + ":" + status);
        record(upstream, status, failureClass, (System.nanoTime() - attemptStart) / 1_000_000);
        if (FailoverRules.failsOver(status, failureClass)) {
            String reason = status + " " + failureClass.word();
            breakers.failure(upstream.name(), reason);
            return new AttemptOutcome.Failed(upstream.name(), status, failureClass, reason, new AttemptOutcome.BodyReplay(body));
        }
        breakers.success(upstream.name());
        channel.sendWhole(status, body.headers(), body.body());
        trace.firstByte();
        return new AttemptOutcome.Delivered(upstream.name(), status, failureClass);
    }

    private void record(Upstream upstream, int status, FailureClass failureClass, Long ttfb) {
        stats.attempt(upstream.name(), new StatsBook.Attempt(Instant.now(), status, failureClass, ttfb));
    }

    static String describe(IOException e) {
        if (e instanceof UpstreamClients.FirstByteTimeout) {
            return e.getMessage();
        }
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
}
