package dev.detour.health;

import dev.detour.wire.FailureClass;
import dev.detour.wire.FailureClassifier;
import dev.detour.wire.Secrets;
import dev.detour.wire.Verdict;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Classifies a probe's failure on the way to an HTTP answer (DNS, connect, TLS, or after the connection was made),
 * by the rung where it failed. Answers themselves are classified by {@link FailureClassifier}.
 */
public final class ProbeFailures {
    private ProbeFailures() {
    }

    /**
     * Classifies a failure with no HTTP answer. Before the connection was established (DNS, TCP, TLS) this upstream
     * is unreachable from here; a timeout or reset after that is an outage of the service.
     *
     * @param rung the rung that failed
     */
    public static Verdict classifyFailure(Rung rung, IOException failure) {
        return classifyFailure(rung, failure, null);
    }

    /** @param host the host name looked up, when known (resolvers word their messages differently) */
    public static Verdict classifyFailure(Rung rung, IOException failure, String host) {
        String detail = rung == Rung.DNS && host != null && failure instanceof UnknownHostException u
                ? dnsDetail(host, u) : failureDetail(rung, failure);
        return Verdict.of(rung.beforeService() ? FailureClass.UNREACHABLE : FailureClass.OUTAGE, detail);
    }

    /** The rung a failure belongs to when only the exception is known (e.g. a bridge's failed attempt). */
    public static Rung rungOf(IOException failure, boolean connected) {
        if (connected) {
            return Rung.HTTP;
        }
        if (failure instanceof UnknownHostException) {
            return Rung.DNS;
        }
        if (failure instanceof SSLException) {
            return Rung.TLS;
        }
        return Rung.CONNECT;
    }

    static String failureDetail(Rung rung, IOException thrown) {
        IOException failure = innermost(thrown);
        String m = failure.getMessage() == null ? "" : failure.getMessage();
        boolean timedOut = any(thrown, InterruptedIOException.class);
        String what = switch (rung) {
            case DNS -> failure instanceof UnknownHostException
                    ? "DNS lookup failed" + (m.isEmpty() ? "" : " for " + m.replaceFirst(":.*", ""))
                    : "DNS lookup failed: " + m;
            case CONNECT -> failure instanceof ConnectException && m.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused"
                    : failure instanceof NoRouteToHostException ? "no route to host"
                    : timedOut ? "connect timed out" : "connect failed: " + m;
            case PROXY -> "proxy down: " + (failure instanceof ConnectException && m.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection to the proxy refused" : timedOut ? "proxy timed out"
                    : m.toLowerCase(Locale.ROOT).contains("connect") ? "the proxy refused the tunnel (" + m + ")" : m);
            case TLS -> timedOut ? "TLS handshake timed out" : "TLS failed: " + tlsReason(m);
            case HTTP -> timedOut
                    ? "no answer after connect (timed out)"
                    : "connection broken after connect: " + (m.isEmpty() ? failure.getClass().getSimpleName() : m);
        };
        return Secrets.redact(what);
    }

    private static String dnsDetail(String host, UnknownHostException u) {
        String m = u.getMessage() == null ? "" : u.getMessage();
        if (m.contains("no DNS answer within")) {
            return "DNS lookup of " + host + " timed out";
        }
        return "DNS lookup failed for " + host;
    }

    private static boolean any(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** OkHttp wraps the socket's exception (e.g. "Failed to connect to /127.0.0.1:9" around "Connection refused"). */
    private static IOException innermost(IOException failure) {
        IOException found = failure;
        Throwable t = failure.getCause();
        while (t != null && t != t.getCause()) {
            if (t instanceof IOException io) {
                found = io;
            }
            t = t.getCause();
        }
        return found;
    }

    private static String tlsReason(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("pkix") || lower.contains("unable to find valid certification path")) {
            return "certificate not trusted";
        }
        if (lower.contains("hostname") && lower.contains("not verified")) {
            return "certificate does not match the host name";
        }
        return FailureClassifier.shorten(message);
    }

}
