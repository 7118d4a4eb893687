package dev.detour.health;

import dev.detour.wire.Verdict;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Follows one probe's call through OkHttp's events, rung by rung, so that the result (or, when the caller's bound
 * runs out first, the rung the probe was stuck on) is known from another thread at any time.
 */
final class LadderProgress extends EventListener {
    private final ProbeTarget target;
    private final Instant at = Instant.now();
    private final long start = System.nanoTime();
    private RecordingTrustManager trust;
    private Call call;
    private boolean started;
    private boolean cancelled;
    private Rung phase = Rung.DNS;
    private String host;
    private Long dnsStart;
    private Long dnsMs;
    private String dnsDetail;
    private Long connectStart;
    private Long connectMs;
    private String connectDetail;
    private boolean tlsUsed;
    private boolean viaProxy;
    private Long tlsStart;
    private Long tlsMs;
    private String issuer;
    private Long httpStart;
    private Long httpMs;
    private Long latencyMs;
    private ProbeResult result;

    LadderProgress(ProbeTarget target) {
        this.target = target;
    }

    synchronized void begin(Call call, RecordingTrustManager trust) {
        this.call = call;
        this.trust = trust;
        this.started = true;
        if (cancelled) {
            call.cancel();
        }
    }

    /** Stops the probe because the caller's bound ran out; its result says which rung it was stuck on. */
    synchronized void cancel(long boundMs) {
        timedOut(boundMs);
        cancelled = true;
        if (call != null) {
            call.cancel();
        }
    }

    private static long ms(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1_000_000;
    }

    @Override
    public synchronized void dnsStart(Call c, String domainName) {
        phase = Rung.DNS;
        host = domainName;
        dnsStart = System.nanoTime();
    }

    @Override
    public synchronized void dnsEnd(Call c, String domainName, List<InetAddress> addresses) {
        dnsMs = ms(dnsStart);
        dnsDetail = addresses.stream().limit(3).map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        phase = Rung.CONNECT;
    }

    @Override
    public synchronized void connectStart(Call c, InetSocketAddress address, Proxy proxy) {
        if (dnsStart == null && dnsMs == null) {
            dnsMs = 0L;
            dnsDetail = "no lookup (IP address)";
        }
        viaProxy = proxy.type() != Proxy.Type.DIRECT;
        phase = viaProxy ? Rung.PROXY : Rung.CONNECT;
        connectStart = System.nanoTime();
        connectDetail = address.getAddress().getHostAddress() + ":" + address.getPort()
                + (proxy.type() == Proxy.Type.DIRECT ? "" : " via proxy " + proxy.address());
        tlsUsed = false;
        tlsStart = null;
    }

    @Override
    public synchronized void secureConnectStart(Call c) {
        connectMs = ms(connectStart);
        phase = Rung.TLS;
        tlsUsed = true;
        tlsStart = System.nanoTime();
    }

    @Override
    public synchronized void secureConnectEnd(Call c, Handshake handshake) {
        tlsMs = ms(tlsStart);
        if (handshake != null && !handshake.peerCertificates().isEmpty()
                && handshake.peerCertificates().get(0) instanceof X509Certificate x) {
            issuer = CertificateNames.shortName(x.getIssuerX500Principal().getName());
        }
    }

    @Override
    public synchronized void connectEnd(Call c, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        if (!tlsUsed) {
            connectMs = ms(connectStart);
        }
        phase = Rung.HTTP;
    }

    @Override
    public synchronized void requestHeadersStart(Call c) {
        phase = Rung.HTTP;
        httpStart = System.nanoTime();
    }

    @Override
    public synchronized void responseHeadersEnd(Call c, Response response) {
        httpMs = httpStart == null ? null : ms(httpStart);
        latencyMs = ms(start);
    }

    /** The result once the call produced an answer, classified by {@code verdict}. */
    synchronized ProbeResult answered(int status, Verdict verdict) {
        if (result == null) {
            result = build(verdict.ok() ? null : Rung.HTTP, status, verdict, verdict.reason());
        }
        return result;
    }

    /** The result once the call failed without an answer. */
    synchronized ProbeResult failed(IOException failure) {
        if (result == null) {
            Verdict v = ProbeFailures.classifyFailure(phase, failure, host);
            result = build(phase, null, v, v.reason());
        }
        return result;
    }

    /** The result when the network settings cannot be used (a bad proxy URL, an unreadable CA file). */
    synchronized ProbeResult unusable(String why) {
        if (result == null) {
            result = new ProbeResult(target.name(), target.url(), at, List.of(), null, null,
                    dev.detour.wire.FailureClass.UNREACHABLE, why, null, null, null, target.credential());
        }
        return result;
    }

    /** The result when the caller's bound ran out: the probe is reported as stuck on the rung it had reached. */
    synchronized ProbeResult timedOut(long boundMs) {
        if (result != null) {
            return result;
        }
        if (!started || (dnsStart == null && connectStart == null)) {
            result = new ProbeResult(target.name(), target.url(), at, List.of(), null, null, null,
                    "not probed within " + boundMs + " ms (too many probes waiting)", null, null, null, target.credential());
            return result;
        }
        Verdict stuck = ProbeFailures.classifyFailure(phase, new InterruptedIOException("timed out"), host);
        Verdict v = Verdict.of(stuck.failureClass(), stuck.reason() + " within " + boundMs + " ms");
        result = build(phase, null, v, v.reason());
        return result;
    }

    private ProbeResult build(Rung failed, Integer status, Verdict verdict, String failureDetail) {
        String tlsIssuer = issuer != null ? issuer : trust == null ? null : trust.issuer();
        List<RungResult> rungs = new ArrayList<>();
        rungs.add(rung(Rung.DNS, failed, dnsMs, dnsDetail, failureDetail));
        if (failed != Rung.DNS) {
            rungs.add(rung(viaProxy ? Rung.PROXY : Rung.CONNECT, failed, connectMs, connectDetail, failureDetail));
        }
        if (failed != Rung.DNS && failed != Rung.CONNECT && failed != Rung.PROXY) {
            if (tlsUsed) {
                rungs.add(rung(Rung.TLS, failed, tlsMs, tlsIssuer == null ? "handshake done" : "issuer " + tlsIssuer,
                        failureDetail + (tlsIssuer == null ? "" : " (issuer " + tlsIssuer + ")")));
            } else {
                rungs.add(new RungResult(Rung.TLS, true, null, "not used (plain http)"));
            }
        }
        if (failed == null || failed == Rung.HTTP) {
            rungs.add(new RungResult(Rung.HTTP, failed == null, httpMs,
                    failed == null ? withStatus(status, verdict.reason()) : failureDetail));
        }
        String reason = failed == Rung.TLS && tlsIssuer != null && verdict.reason().contains("certificate not trusted")
                ? "issuer " + tlsIssuer + " is not trusted: add it with ca_file"
                : failed == Rung.TLS && tlsIssuer != null && !verdict.reason().contains("issuer")
                ? verdict.reason() + " (issuer " + tlsIssuer + ")" : verdict.reason();
        return new ProbeResult(target.name(), target.url(), at, rungs, failed, status, verdict.failureClass(), reason,
                verdict.retryAfterS(), tlsIssuer, status == null ? null : latencyMs, target.credential());
    }

    private static String withStatus(Integer status, String reason) {
        return status == null || reason.contains(String.valueOf(status)) ? reason : status + " " + reason;
    }

    private static RungResult rung(Rung rung, Rung failed, Long ms, String okDetail, String failureDetail) {
        return rung == failed ? new RungResult(rung, false, null, failureDetail) : new RungResult(rung, true, ms, okDetail);
    }
}
