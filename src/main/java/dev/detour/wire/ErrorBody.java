package dev.detour.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an error body says, read leniently from the Anthropic shape
 * ({@code {"type":"error","error":{"type","message","details":{"error_code"}}}}), the OpenAI shape
 * ({@code {"error":{"message","type","code"}}}) or an HTML page (its title).
 *
 * @param type      {@code error.type}, or null
 * @param code      {@code error.code} (OpenAI) or {@code error.details.error_code} (Anthropic), or null
 * @param message   {@code error.message}, or the HTML title, or null
 * @param html      whether the body is an HTML page rather than an API answer
 */
public record ErrorBody(String type, String code, String message, boolean html) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HEADING = Pattern.compile("(?is)<h1[^>]*>(.*?)</h1>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]+>");

    public static final ErrorBody EMPTY = new ErrorBody(null, null, null, false);

    public static ErrorBody parse(String body) {
        if (body == null || body.isBlank()) {
            return EMPTY;
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{")) {
            try {
                return of(JSON.readTree(trimmed));
            } catch (Exception notJson) {
                return new ErrorBody(null, null, firstLine(trimmed), false);
            }
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<html")
                || lower.contains("<body")) {
            return new ErrorBody(null, null, htmlTitle(trimmed), true);
        }
        return new ErrorBody(null, null, firstLine(trimmed), false);
    }

    /** What an already parsed JSON error (a body, or an {@code event: error}'s data) says. */
    public static ErrorBody of(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isTextual()) {
            return new ErrorBody(null, null, error.asText(), false);
        }
        String code = text(error.path("code"));
        if (code == null) {
            code = text(error.path("details").path("error_code"));
        }
        String message = text(error.path("message"));
        if (message == null) {
            message = text(root.path("message"));
        }
        return new ErrorBody(text(error.path("type")), code, message, false);
    }

    private static String htmlTitle(String html) {
        for (Pattern p : new Pattern[]{TITLE, HEADING}) {
            Matcher m = p.matcher(html);
            if (m.find()) {
                String t = TAGS.matcher(m.group(1)).replaceAll(" ").replaceAll("\\s+", " ").strip();
                if (!t.isEmpty()) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    /** Whether any field mentions {@code needle} (case-insensitive). */
    boolean mentions(String needle) {
        String n = needle.toLowerCase(Locale.ROOT);
        for (String s : new String[]{type, code, message}) {
            if (s != null && s.toLowerCase(Locale.ROOT).contains(n)) {
                return true;
            }
        }
        return false;
    }
}
