package dev.detour.health;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Classifies one observation: an HTTP answer (status, headers, body) or a failure on the way to one.
 * Pure: the bridge, the probes and the tests call it directly.
 */
public final class ResponseClassifier {
    static final String SPEND_LIMIT_CODE = "enforced_spend_limit_reached";
    private static final int MAX_MESSAGE = 140;
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in ([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)\\b");

    private ResponseClassifier() {
    }

    public static Verdict classify(int status, Map<String, String> headers, String body) {
        return classify(status, headers, body, Instant.now());
    }

    /**
     * @param headers response headers, any case; one value each
     * @param now     the time a {@code retry-after} HTTP date is measured from
     */
    public static Verdict classify(int status, Map<String, String> headers, String body, Instant now) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        ErrorBody e = ErrorBody.parse(body);
        String contentType = h.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        boolean html = e.html() || contentType.startsWith("text/html");
        String what = describe(status, e, html);

        if (status >= 300 && status < 400) {
            String location = h.get("location");
            return Verdict.of(FailureClass.UNREACHABLE, status + " redirect" + (location == null ? "" : " to " + location)
                    + " instead of the API (captive portal or proxy login?)");
        }
        if (status < 300) {
            if (html) {
                return Verdict.of(FailureClass.UNREACHABLE, "an HTML page answered instead of the API"
                        + titled(e) + " (captive portal or proxy login?)");
            }
            return Verdict.of(FailureClass.OK, String.valueOf(status));
        }
        if (SPEND_LIMIT_CODE.equals(e.code()) || (body != null && body.contains(SPEND_LIMIT_CODE))) {
            return Verdict.of(FailureClass.SPEND_CAP, "spend limit reached (" + status + " " + SPEND_LIMIT_CODE
                    + "): not temporary, waiting will not help");
        }
        if ("insufficient_quota".equals(e.code()) || "insufficient_quota".equals(e.type())) {
            return Verdict.of(FailureClass.SPEND_CAP, "quota used up (" + status + " insufficient_quota): not temporary, "
                    + "waiting will not help");
        }
        if (e.mentions("credit balance is too low") || (e.mentions("reached your specified") && e.mentions("usage limits"))) {
            return Verdict.of(FailureClass.SPEND_CAP, "spend limit or credit exhausted (" + what + ")");
        }
        if (status == 529 || "overloaded_error".equals(e.type())
                || (status == 503 && e.mentions("overloaded"))) {
            return Verdict.of(FailureClass.OVERLOADED, what);
        }
        if (status == 429) {
            Long retry = retryAfterSeconds(h, e, now);
            String when = retry == null ? "no retry-after" : "retry in " + retry + " s";
            return new Verdict(FailureClass.RATE_LIMITED, "429, " + when
                    + (e.message() == null || html ? "" : ": " + shorten(e.message())), retry);
        }
        if (h.containsKey("cf-mitigated") || (html && e.mentions("just a moment"))) {
            return Verdict.of(FailureClass.UNREACHABLE, "a challenge page answered instead of the API (" + what + ")");
        }
        if (status == 407) {
            return Verdict.of(FailureClass.UNREACHABLE, "the network proxy asks for authentication (407)");
        }
        if (html && (status == 401 || status == 403)) {
            return Verdict.of(FailureClass.UNREACHABLE, "blocked by a proxy or firewall (" + what + ")");
        }
        if (status == 401 || status == 402 || status == 403) {
            return Verdict.of(FailureClass.AUTH, what);
        }
        if (status == 408 || status >= 500) {
            return Verdict.of(FailureClass.OUTAGE, html ? "HTML error page from a proxy (" + what + ")" : what);
        }
        return Verdict.of(FailureClass.CLIENT_ERROR, what);
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
            case TLS -> timedOut ? "TLS handshake timed out" : "TLS failed: " + tlsReason(m);
            case HTTP -> timedOut
                    ? "no answer after connect (timed out)"
                    : "connection broken after connect: " + (m.isEmpty() ? failure.getClass().getSimpleName() : m);
        };
        return Redaction.redact(what);
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
        return shorten(message);
    }

    /** Seconds to wait from {@code retry-after-ms}, {@code retry-after} (seconds or an HTTP date), or the message. */
    static Long retryAfterSeconds(Map<String, String> h, ErrorBody e, Instant now) {
        String ms = h.get("retry-after-ms");
        if (ms != null) {
            try {
                return (long) Math.ceil(Double.parseDouble(ms.strip()) / 1000.0);
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String ra = h.get("retry-after");
        if (ra != null) {
            String v = ra.strip();
            try {
                return (long) Math.ceil(Double.parseDouble(v));
            } catch (NumberFormatException notSeconds) {
                try {
                    long s = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)).toSeconds();
                    return Math.max(0, s);
                } catch (RuntimeException notDate) {
                    // fall through to the message
                }
            }
        }
        if (e.message() != null) {
            Matcher m = TRY_AGAIN.matcher(e.message());
            if (m.find()) {
                double v = Double.parseDouble(m.group(1));
                return (long) Math.ceil("ms".equalsIgnoreCase(m.group(2)) ? v / 1000.0 : v);
            }
        }
        return null;
    }

    private static String describe(int status, ErrorBody e, boolean html) {
        StringBuilder sb = new StringBuilder().append(status);
        if (html) {
            sb.append(" HTML page");
            if (e.message() != null) {
                sb.append(" '").append(shorten(e.message())).append('\'');
            }
            return sb.toString();
        }
        String kind = e.code() != null ? e.code() : e.type();
        if (kind != null) {
            sb.append(' ').append(kind);
        }
        if (e.message() != null) {
            sb.append(": ").append(shorten(e.message()));
        }
        return sb.toString();
    }

    private static String titled(ErrorBody e) {
        return e.message() == null ? "" : " '" + shorten(e.message()) + "'";
    }

    static String shorten(String text) {
        String t = Redaction.redact(text.replaceAll("\\s+", " ").strip());
        return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
