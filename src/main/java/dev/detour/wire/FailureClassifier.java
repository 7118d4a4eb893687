package dev.detour.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one classifier of an upstream's answer (status, headers and the parsed body) into a {@link FailureClass}: the
 * bridge's failover, breakers and stats, the health probes, the diagnosis and the advice all call it, so that one
 * response tells every reader the same story (a 503 whose body says "overloaded" is overloaded everywhere; a bare
 * 529 is overloaded too). An {@code event: error} inside a 200 stream is classified by the status its error type
 * stands for. Pure.
 */
public final class FailureClassifier {
    static final String SPEND_LIMIT_CODE = "enforced_spend_limit_reached";
    private static final int MAX_MESSAGE = 140;
    private static final Pattern TRY_AGAIN = Pattern.compile("(?i)try again in ([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)\\b");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FailureClassifier() {
    }

    public static Verdict classify(int status, Map<String, String> headers, String body) {
        return classify(status, headers, body, Instant.now());
    }

    /** An answer as the bridge holds it: OkHttp headers (the first value of each name) and the body's bytes. */
    public static Verdict classify(int status, Headers headers, byte[] body) {
        String contentType = headers.get("content-type");
        if (status < 300 && startsWithBrace(body)
                && (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("text/html"))) {
            return Verdict.of(FailureClass.OK, String.valueOf(status));
        }
        Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : headers.names()) {
            first.put(name, headers.get(name));
        }
        return classify(status, first, body == null ? null : new String(body, StandardCharsets.UTF_8), Instant.now());
    }

    /**
     * Whether the body is a JSON object (after leading whitespace): never an HTML page, so a success is a success
     * without decoding and parsing what may be a long answer.
     */
    private static boolean startsWithBrace(byte[] body) {
        if (body == null) {
            return false;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * An {@code event: error} that arrived inside a stream that had answered 200, e.g.
     * {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}}: classified as the answer
     * whose status its error type stands for.
     */
    public static Verdict classifyErrorEvent(SseEvent event) {
        ObjectNode responsesError = responsesError(event.json());
        if (responsesError != null) {
            ObjectNode body = JSON.createObjectNode();
            body.set("error", responsesError);
            return classify(statusOfCode(responsesError.path("code").asText("")), Map.of(), ErrorBody.of(body),
                    body.toString(), Instant.now());
        }
        ErrorBody e = ErrorBody.of(event.json());
        return classify(statusOf(e.type()), Map.of(), e, null, Instant.now());
    }

    /**
     * The OpenAI error of a Responses stream's failure, or null when the event is not one: {@code response.failed}
     * carries it as {@code response.error}, a Responses {@code error} event as its own {@code code} and
     * {@code message}.
     */
    private static ObjectNode responsesError(JsonNode event) {
        String type = event.path("type").asText("");
        if (type.equals("response.failed") && event.path("response").path("error").isObject()) {
            return (ObjectNode) event.path("response").path("error");
        }
        if (type.equals("error") && event.has("code") && !event.path("error").isObject()) {
            return JSON.createObjectNode().put("code", event.path("code").asText(""))
                    .put("message", event.path("message").asText(""));
        }
        return null;
    }

    /** The HTTP status an OpenAI {@code error.code} stands for (Responses stream failures carry no status). */
    static int statusOfCode(String code) {
        return switch (code) {
            case "rate_limit_exceeded", "insufficient_quota" -> 429;
            case "server_is_overloaded", "slow_down" -> 529;
            case "invalid_api_key" -> 401;
            case "context_length_exceeded", "invalid_prompt", "invalid_request_error", "invalid_image" -> 400;
            case "model_not_found" -> 404;
            default -> 500;
        };
    }

    /** The HTTP status an Anthropic {@code error.type} is sent with (an unknown type is a server error). */
    static int statusOf(String errorType) {
        if (errorType == null) {
            return 500;
        }
        return switch (errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /**
     * @param headers response headers, any case; one value each
     * @param now     the time a {@code retry-after} HTTP date is measured from
     */
    public static Verdict classify(int status, Map<String, String> headers, String body, Instant now) {
        return classify(status, headers, ErrorBody.parse(body), body, now);
    }

    /** @param body the raw body when there is one (a spend-limit code is matched anywhere in it), else null */
    private static Verdict classify(int status, Map<String, String> headers, ErrorBody e, String body, Instant now) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
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
        if ("insufficient_quota".equals(e.code()) || "insufficient_quota".equals(e.type())
                || (status == 429 && e.mentions("insufficient_quota"))) {
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

    public static String shorten(String text) {
        String t = Secrets.redact(text.replaceAll("\\s+", " ").strip());
        return t.length() <= MAX_MESSAGE ? t : t.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
