package dev.detour.translate;

import java.security.SecureRandom;

/**
 * Tool call ids that both families accept. The Anthropic API requires {@code ^[a-zA-Z0-9_-]+$}; some OpenAI-compatible
 * servers produce ids with dots or colons (or none at all), which would break the conversation once it flips back.
 */
public final class ToolCallIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private ToolCallIds() {
    }

    /** {@code id} with every character outside {@code [a-zA-Z0-9_-]} replaced by {@code _}; a new id when blank. */
    public static String sanitize(String id) {
        if (id == null || id.isBlank()) {
            return fresh();
        }
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    /** A new id in the Anthropic style. */
    public static String fresh() {
        StringBuilder out = new StringBuilder("toolu_");
        for (int i = 0; i < 24; i++) {
            out.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }
}
