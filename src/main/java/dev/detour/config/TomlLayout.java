package dev.detour.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each table header and each key of a TOML text sits: lines and character offsets, in file order. TOML4J
 * gives values but no positions; error messages need the line of a key, and the writer needs the exact span of a
 * value so that it can replace it and leave every other byte alone.
 */
public final class TomlLayout {
    /**
     * A {@code [table]} header.
     *
     * @param line        1-based line of the header
     * @param lineStart   offset where the header line starts
     * @param lineEnd     offset just after the header line (after its newline, or the end of the text)
     */
    public record Table(List<String> path, int line, int lineStart, int lineEnd) {
    }

    /**
     * One {@code key = value}.
     *
     * @param path       table path plus key
     * @param line       1-based line of the key
     * @param lineStart  offset where the key's line starts
     * @param valueStart offset of the first character of the value
     * @param valueEnd   offset just after the value
     * @param lineEnd    offset just after the last line of the value (after its newline, or the end of the text)
     */
    public record Entry(List<String> path, int line, int lineStart, int valueStart, int valueEnd, int lineEnd) {
        public List<String> table() {
            return path.subList(0, path.size() - 1);
        }

        public String key() {
            return path.get(path.size() - 1);
        }
    }

    /** Text the scanner cannot read as TOML, with its line. */
    public static class SyntaxError extends Exception {
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Arrays and inline tables nested deeper than this are refused (a config needs three levels at most). */
    public static final int MAX_DEPTH = 16;

    /** Values nested beyond {@link #MAX_DEPTH}: refused before any recursive parser sees them. */
    public static final class TooDeep extends SyntaxError {
        TooDeep(int line) {
            super(line, "arrays or inline tables nested more than " + MAX_DEPTH + " deep");
        }
    }

    private final String text;
    private final int[] lineStarts;
    private final List<Table> tables;
    private final List<Entry> entries;
    private final Map<List<String>, Integer> entryIndex = new HashMap<>();
    private final Map<List<String>, Table> tableByPath = new HashMap<>();
    private final Map<List<String>, Table> firstTableUnder = new HashMap<>();
    private final Map<List<String>, Integer> contentEnd = new HashMap<>();

    TomlLayout(String text, int[] lineStarts, List<Table> tables, List<Entry> entries) {
        this.text = text;
        this.lineStarts = lineStarts;
        this.tables = List.copyOf(tables);
        this.entries = List.copyOf(entries);
        index();
    }

    public static TomlLayout scan(String text) throws SyntaxError {
        return new TomlScanner(text).scan();
    }

    public String text() {
        return text;
    }

    public List<Table> tables() {
        return List.copyOf(tables);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** 1-based line of a character offset. */
    public int lineOf(int offset) {
        return lineOf(lineStarts, offset);
    }

    static int lineOf(int[] lineStarts, int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    public Entry entry(List<String> path) {
        Integer i = entryIndex.get(path);
        return i == null ? null : entries.get(i);
    }

    public Table table(List<String> path) {
        return tableByPath.get(path);
    }

    /** The entry whose value holds {@code path} inside an inline table or is {@code path} itself; null if none. */
    public Entry entryCovering(List<String> path) {
        int first = Integer.MAX_VALUE;
        for (int n = 1; n <= path.size(); n++) {
            Integer i = entryIndex.get(path.subList(0, n));
            if (i != null) {
                first = Math.min(first, i);
            }
        }
        return first == Integer.MAX_VALUE ? null : entries.get(first);
    }

    /**
     * The line that best shows where {@code path} is defined: its key, the key of the inline table holding it,
     * its table header, or else the nearest enclosing one; 0 when nothing of it is in the text.
     */
    public int line(List<String> path) {
        for (int n = path.size(); n > 0; n--) {
            List<String> prefix = path.subList(0, n);
            Entry e = entryCovering(prefix);
            if (e != null) {
                return e.line();
            }
            Table t = table(prefix);
            if (t != null) {
                return t.line();
            }
            Table sub = firstTableUnder.get(prefix);
            if (sub != null) {
                return sub.line();
            }
        }
        return 0;
    }

    /** Offset just after the last line that belongs to table {@code path} (its last key, or else its header). */
    public int endOfContent(List<String> path) {
        Table t = table(path);
        return Math.max(t != null ? t.lineEnd() : -1, contentEnd.getOrDefault(path, -1));
    }

    /** Lookups by path in constant time, so that reading and editing stay linear in the size of the file. */
    private void index() {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            entryIndex.putIfAbsent(e.path(), i);
            contentEnd.merge(e.table(), e.lineEnd(), Math::max);
        }
        for (Table t : tables) {
            tableByPath.putIfAbsent(t.path(), t);
            for (int n = 1; n < t.path().size(); n++) {
                firstTableUnder.putIfAbsent(List.copyOf(t.path().subList(0, n)), t);
            }
        }
    }
}
