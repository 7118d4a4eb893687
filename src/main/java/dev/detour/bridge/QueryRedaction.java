package dev.detour.bridge;

import java.util.List;
import java.util.Locale;

/**
 * Hides the values of query parameters that look like credentials ({@code ?key=...}, {@code &access_token=...}): a
 * parameter whose name is one of {@link #NAMES}, or ends in one after a {@code _}, {@code .} or {@code -}. A scan
 * rather than a regular expression: it runs on every log line, and most have a query without a credential.
 */
public final class QueryRedaction {
    static final List<String> NAMES = List.of("key", "apikey", "api_key", "token", "secret", "password", "passwd",
            "auth", "authorization", "signature", "sig", "credential", "credentials", "session");

    private QueryRedaction() {
    }

    public static String redact(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int at = nextSeparator(text, 0); at >= 0; at = nextSeparator(text, at + 1)) {
            int nameEnd = at + 1;
            while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd >= text.length() || text.charAt(nameEnd) != '=' || !credentialName(text.substring(at + 1, nameEnd))) {
                continue;
            }
            int valueEnd = nameEnd + 1;
            while (valueEnd < text.length() && !endsValue(text.charAt(valueEnd))) {
                valueEnd++;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, nameEnd + 1).append(Redactor.MARK);
            copied = valueEnd;
            at = valueEnd - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static int nextSeparator(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?' || c == '&') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-';
    }

    private static boolean endsValue(char c) {
        return c == '&' || c == '#' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean credentialName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String credential : NAMES) {
            if (lower.endsWith(credential) && (lower.length() == credential.length()
                    || "_.-".indexOf(lower.charAt(lower.length() - credential.length() - 1)) >= 0)) {
                return true;
            }
        }
        return false;
    }
}
