package dev.detour.config;

import java.util.Arrays;
import java.util.List;

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
    public static final class SyntaxError extends Exception {
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final String text;
    private final int[] lineStarts;
    private final List<Table> tables;
    private final List<Entry> entries;

    TomlLayout(String text, int[] lineStarts, List<Table> tables, List<Entry> entries) {
        this.text = text;
        this.lineStarts = lineStarts;
        this.tables = List.copyOf(tables);
        this.entries = List.copyOf(entries);
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
        for (Entry e : entries) {
            if (e.path().equals(path)) {
                return e;
            }
        }
        return null;
    }

    public Table table(List<String> path) {
        for (Table t : tables) {
            if (t.path().equals(path)) {
                return t;
            }
        }
        return null;
    }

    /** The entry whose value holds {@code path} inside an inline table or is {@code path} itself; null if none. */
    public Entry entryCovering(List<String> path) {
        for (Entry e : entries) {
            if (path.size() >= e.path().size() && path.subList(0, e.path().size()).equals(e.path())) {
                return e;
            }
        }
        return null;
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
            for (Table sub : tables) {
                if (sub.path().size() > n && sub.path().subList(0, n).equals(prefix)) {
                    return sub.line();
                }
            }
        }
        return 0;
    }

    /** Offset just after the last line that belongs to table {@code path} (its last key, or else its header). */
    public int endOfContent(List<String> path) {
        int end = -1;
        Table t = table(path);
        if (t != null) {
            end = t.lineEnd();
        }
        for (Entry e : entries) {
            if (e.table().equals(path)) {
                end = Math.max(end, e.lineEnd());
            }
        }
        return end;
    }
}
