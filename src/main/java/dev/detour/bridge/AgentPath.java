package dev.detour.bridge;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API path of an agent request, normalised before anything is forwarded. The upstream's base URL may carry a
 * path prefix ({@code https://gw.example/gateway/anthropic}) and the HTTP client resolves dot segments, so a path
 * such as {@code /v1/../../admin} would reach another part of the upstream's host with the upstream's credential.
 */
public final class AgentPath {
    private static final Pattern BEDROCK_INVOKE = Pattern.compile("/model/([^/]+)/invoke(?:-with-response-stream)?");

    private AgentPath() {
    }

    /**
     * The raw path with {@code .} and {@code ..} segments (also percent-encoded) resolved; null when it climbs
     * above the root, or holds an encoded slash, backslash, percent sign or control character, which an upstream
     * could decode into a segment of its own. The one encoded slash allowed is inside the model id of a Bedrock
     * invoke path (an inference-profile ARN), whose pieces must not be dot segments either. The caller refuses a
     * normalised path that no API serves.
     */
    public static String normalise(String rawPath) {
        if (!rawPath.startsWith("/")) {
            return null;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        if (rawPath.indexOf('%') < 0 && !rawPath.contains("/.")) {
            return rawPath; // no dot segment, plain or encoded: nothing to resolve (the usual agent path)
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%5c") || lower.contains("%25") || lower.contains("%00")
                || lower.contains("%2f") && !slashInBedrockModelId(rawPath)) {
            return null;
        }
        Deque<String> kept = new ArrayDeque<>();
        String[] segments = rawPath.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].replace("%2e", ".").replace("%2E", ".");
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    kept.addLast("");
                }
            } else if (segment.equals("..")) {
                if (kept.pollLast() == null) {
                    return null;
                }
                if (last) {
                    kept.addLast("");
                }
            } else {
                kept.addLast(segments[i]);
            }
        }
        return "/" + String.join("/", kept);
    }

    private static boolean slashInBedrockModelId(String rawPath) {
        Matcher invoke = BEDROCK_INVOKE.matcher(rawPath);
        if (!invoke.matches()) {
            return false;
        }
        for (String piece : invoke.group(1).split("(?i)%2f", -1)) {
            String dots = piece.replaceAll("(?i)%2e", ".");
            if (dots.isEmpty() || dots.equals(".") || dots.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
