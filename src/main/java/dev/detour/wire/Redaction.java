package dev.detour.wire;

import java.util.regex.Pattern;

/** Keeps credentials out of anything health shows or stores: upstream messages sometimes echo (part of) a key. */
public final class Redaction {
    private static final Pattern KEY = Pattern.compile("\\b(sk-ant-|sk-proj-|sk-)[A-Za-z0-9_\\-*.]{4,}");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9_\\-.=*]{8,}");

    private Redaction() {
    }

    /** The text with anything that looks like an API key or bearer token replaced by its prefix and an ellipsis. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = KEY.matcher(text).replaceAll("$1…");
        return BEARER.matcher(out).replaceAll("$1…");
    }
}
