package dev.detour.health;

import dev.detour.net.NetworkException;
import dev.detour.wire.ErrorBody;
import dev.detour.wire.FailureClass;
import dev.detour.wire.FailureClassifier;
import dev.detour.wire.Verdict;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * Climbs the ladder for one target: DNS → TCP connect → TLS (noting the certificate issuer) → one GET that never
 * spends tokens. Every rung is bounded by the probe timeout; connections are never reused, so each probe measures
 * every rung.
 */
public final class ProbeLadder {
    private static final long MAX_BODY = 64 * 1024;

    private final OkHttpClient base;
    private final X509TrustManager trust;

    /**
     * @param timeout    the bound of each rung and of the whole call
     * @param dnsLookups where DNS lookups run (they cannot be interrupted, so they get their own bounded pool)
     * @param trust      the trust decisions for TLS; {@link #platformTrust()} outside tests
     * @param resolver   the resolver; {@link Dns#SYSTEM} outside tests (tests must not query a real DNS server)
     */
    public ProbeLadder(Duration timeout, ExecutorService dnsLookups, X509TrustManager trust, Dns resolver) {
        this.trust = trust;
        this.base = new OkHttpClient.Builder()
                .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout)
                .callTimeout(timeout.plusMillis(250))
                .dns(new BoundedDns(resolver, dnsLookups, timeout))
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(false).followSslRedirects(false)
                .fastFallback(false)
                .build();
    }

    public static X509TrustManager platformTrust() {
        return RecordingTrustManager.platformDefault();
    }

    /** Probes {@code target}, reporting each step to {@code progress}; returns when the call ends or is cancelled. */
    ProbeResult probe(ProbeTarget target, LadderProgress progress) {
        OkHttpClient.Builder client = base.newBuilder().eventListener(progress);
        if (target.egress() != null) {
            RecordingTrustManager[] recorded = new RecordingTrustManager[1];
            try {
                target.egress().apply(client, target.network(), tm -> recorded[0] = new RecordingTrustManager(tm));
            } catch (NetworkException unusable) {
                return progress.unusable(unusable.getMessage());
            }
            return call(target, progress, client, recorded[0]);
        }
        RecordingTrustManager recording = new RecordingTrustManager(trust);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new javax.net.ssl.TrustManager[]{recording}, null);
            client.sslSocketFactory(tls.getSocketFactory(), recording);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
        return call(target, progress, client, recording);
    }

    private static ProbeResult call(ProbeTarget target, LadderProgress progress, OkHttpClient.Builder client,
                                    RecordingTrustManager recording) {
        Request.Builder request = new Request.Builder().url(target.url()).header("Connection", "close")
                .header("User-Agent", "detour-probe");
        target.headers().forEach(request::header);
        Call call = client.build().newCall(request.build());
        progress.begin(call, recording);
        try (Response response = call.execute()) {
            String body = response.peekBody(MAX_BODY).string();
            Verdict verdict = answerVerdict(target, response.code(), headers(response.headers()), body);
            return progress.answered(response.code(), verdict);
        } catch (IOException e) {
            return progress.failed(e);
        }
    }

    /** Probes one target on the calling thread. */
    public ProbeResult probe(ProbeTarget target) {
        return probe(target, new LadderProgress(target));
    }

    /**
     * What an answer at the last rung means for a probe: for a control host any answer proves reachability; for an
     * upstream a 401 without a key, or a JSON client error, still proves the API answers.
     */
    static Verdict answerVerdict(ProbeTarget target, int status, Map<String, String> headers, String body) {
        Verdict v = FailureClassifier.classify(status, headers, body);
        if (target.control()) {
            return Verdict.of(FailureClass.OK, "answers (" + status + ")");
        }
        if (v.ok()) {
            return Verdict.of(FailureClass.OK, "models listed" + (target.credential() ? " with key" : ""));
        }
        if (status == 401 && !target.credential() && v.failureClass() == FailureClass.AUTH) {
            return Verdict.of(FailureClass.OK, "API answers 401 without a key");
        }
        if (status == 403 && !target.credential() && headers.keySet().stream().anyMatch("x-amzn-ErrorType"::equalsIgnoreCase)) {
            return Verdict.of(FailureClass.OK, "AWS API answers 403 to an unsigned request");
        }
        if (v.failureClass() == FailureClass.CLIENT_ERROR && ErrorBody.parse(body).html()) {
            return Verdict.of(FailureClass.CLIENT_ERROR, "a web page answered, not the API (" + v.reason()
                    + "): is base_url right?");
        }
        if (v.failureClass() == FailureClass.CLIENT_ERROR) {
            return Verdict.of(FailureClass.OK, "API answers " + v.reason());
        }
        return v;
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : headers.names()) {
            map.put(name, headers.get(name));
        }
        return map;
    }
}
