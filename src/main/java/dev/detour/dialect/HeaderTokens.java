package dev.detour.dialect;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens of a comma-separated header list such as {@code Connection}: case-insensitive, possibly spread over
 * several header lines, possibly repeated ({@code keep-alive, Keep-Alive}).
 */
public final class HeaderTokens {
    private HeaderTokens() {
    }

    /** The lower-case tokens of every value; empty entries are skipped. */
    public static Set<String> of(List<String> values) {
        Set<String> tokens = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    tokens.add(t);
                }
            }
        }
        return tokens;
    }

    public static boolean contains(List<String> values, String token) {
        return values != null && of(values).contains(token.toLowerCase(Locale.ROOT));
    }
}
