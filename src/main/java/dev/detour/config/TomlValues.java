package dev.detour.config;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Renders values as TOML text, following the quoting and spacing of the value being replaced where there is one. */
final class TomlValues {
    /** How an existing value was written: which quote its strings use and whether brackets are padded. */
    record Style(char quote, boolean padded) {
        static final Style DEFAULT = new Style('"', false);

        static Style of(String existing) {
            if (existing == null) {
                return DEFAULT;
            }
            int dq = existing.indexOf('"');
            int sq = existing.indexOf('\'');
            char quote = sq >= 0 && (dq < 0 || sq < dq) ? '\'' : '"';
            boolean padded = existing.startsWith("[ ") || existing.startsWith("[\t");
            return new Style(quote, padded);
        }
    }

    private TomlValues() {
    }

    static String render(Object value, Style style) {
        if (value instanceof String s) {
            return string(s, style.quote());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            StringJoiner j = new StringJoiner(", ", style.padded() ? "[ " : "[", style.padded() ? " ]" : "]");
            for (Object item : list) {
                j.add(render(item, style));
            }
            return j.toString();
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "{}";
            }
            StringJoiner j = new StringJoiner(", ", "{ ", " }");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                j.add(key(String.valueOf(e.getKey())) + " = " + render(e.getValue(), style));
            }
            return j.toString();
        }
        throw new IllegalArgumentException("no TOML form for " + value);
    }

    static String key(String key) {
        boolean bare = !key.isEmpty() && key.chars().allMatch(c -> TomlScanner.isBareKeyChar((char) c));
        return bare ? key : string(key, '"');
    }

    static String string(String s, char preferredQuote) {
        boolean literalOk = preferredQuote == '\'' && s.indexOf('\'') < 0
                && s.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        if (literalOk) {
            return "'" + s + "'";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
