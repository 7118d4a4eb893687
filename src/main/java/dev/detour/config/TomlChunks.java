package dev.detour.config;

import com.moandjiezana.toml.Toml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a TOML text with TOML4J piece by piece. TOML4J copies the rest of the text for every value it reads, so
 * one call costs the square of the text's length; cut at table headers and keys (which {@link TomlLayout} has
 * found already) into pieces of bounded size, the cost stays linear in the size of the file.
 */
final class TomlChunks {
    /** A piece of about this many characters is parsed in one call. */
    static final int CHUNK_CHARS = 8 * 1024;

    /** TOML4J's error, with the line in the whole text. */
    static final class ParseError extends Exception {
        private final int line;

        ParseError(int line, String message) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private TomlChunks() {
    }

    static Map<String, Object> parse(TomlLayout layout, int chunkChars) throws ParseError {
        checkDuplicateTables(layout);
        String text = layout.text();
        List<Integer> cuts = cuts(layout, chunkChars);
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < cuts.size(); i++) {
            int start = cuts.get(i);
            int end = i + 1 < cuts.size() ? cuts.get(i + 1) : text.length();
            List<String> table = tableAt(layout, start);
            String header = table.isEmpty() || startsTable(layout, start) ? "" : header(table);
            int lineOffset = layout.lineOf(start) - 1 - (header.isEmpty() ? 0 : 1);
            Map<String, Object> piece;
            try {
                piece = new Toml().read(header + text.substring(start, end)).toMap();
            } catch (RuntimeException e) {
                throw new ParseError(lineOffset, String.valueOf(e.getMessage()));
            }
            merge(tree, piece, layout, List.of());
        }
        return tree;
    }

    /** Offsets where pieces start: at a table header or a key's line, once the piece has grown past the size. */
    private static List<Integer> cuts(TomlLayout layout, int chunkChars) {
        List<Integer> starts = new ArrayList<>();
        layout.tables().forEach(t -> starts.add(t.lineStart()));
        layout.entries().forEach(e -> starts.add(e.lineStart()));
        starts.sort(Integer::compare);
        List<Integer> cuts = new ArrayList<>(List.of(0));
        for (int start : starts) {
            if (start - cuts.get(cuts.size() - 1) >= chunkChars) {
                cuts.add(start);
            }
        }
        return cuts;
    }

    private static List<String> tableAt(TomlLayout layout, int offset) {
        List<String> table = List.of();
        for (TomlLayout.Table t : layout.tables()) {
            if (t.lineStart() > offset) {
                break;
            }
            table = t.path();
        }
        return table;
    }

    private static boolean startsTable(TomlLayout layout, int offset) {
        return layout.tables().stream().anyMatch(t -> t.lineStart() == offset);
    }

    private static String header(List<String> table) {
        StringBuilder h = new StringBuilder("[");
        for (int i = 0; i < table.size(); i++) {
            String key = table.get(i);
            boolean bare = !key.isEmpty() && key.chars().allMatch(c -> TomlScanner.isBareKeyChar((char) c));
            h.append(i > 0 ? "." : "").append(bare ? key
                    : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return h.append("]\n").toString();
    }

    private static void checkDuplicateTables(TomlLayout layout) throws ParseError {
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (TomlLayout.Table t : layout.tables()) {
            if (!seen.add(t.path())) {
                throw new ParseError(t.line(), "Duplicate table [" + String.join(".", t.path()) + "]");
            }
        }
    }

    /** Adds a piece's tables and keys; a key defined twice is an error, as in one TOML text. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> piece, TomlLayout layout, List<String> at)
            throws ParseError {
        for (Map.Entry<String, Object> e : piece.entrySet()) {
            String key = unquoted(e.getKey());
            Object existing = into.get(key);
            List<String> path = new ArrayList<>(at);
            path.add(key);
            if (existing == null && e.getValue() instanceof Map<?, ?> table) {
                Map<String, Object> copy = new LinkedHashMap<>();
                merge(copy, (Map<String, Object>) table, layout, path);
                into.put(key, copy);
            } else if (existing == null) {
                into.put(key, e.getValue());
            } else if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b
                    && layout.entryCovering(path) == null) {
                merge((Map<String, Object>) a, (Map<String, Object>) b, layout, path);
            } else {
                throw new ParseError(layout.line(path), "Duplicate key " + String.join(".", path));
            }
        }
    }

    private static String unquoted(String key) {
        boolean quoted = key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"")
                || key.startsWith("'") && key.endsWith("'"));
        return quoted ? key.substring(1, key.length() - 1) : key;
    }
}
