package dev.detour.config;

import java.util.ArrayList;
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

    /** Arrays and inline tables nested deeper than this are refused (a config needs three levels at most). */
    public static final int MAX_DEPTH = 16;

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

    /** Values nested beyond {@link #MAX_DEPTH}: refused before any recursive parser sees them. */
    public static final class TooDeep extends SyntaxError {
        TooDeep(int line) {
            super(line, "arrays or inline tables nested more than " + MAX_DEPTH + " deep");
        }
    }

    private final String text;
    private final int[] lineStarts;
    private final List<Table> tables = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<List<String>, Integer> entryIndex = new HashMap<>();
    private final Map<List<String>, Table> tableByPath = new HashMap<>();
    private final Map<List<String>, Table> firstTableUnder = new HashMap<>();
    private final Map<List<String>, Integer> contentEnd = new HashMap<>();
    private int pos;

    private TomlLayout(String text) {
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public static TomlLayout scan(String text) throws SyntaxError {
        TomlLayout layout = new TomlLayout(text);
        layout.scanDocument();
        layout.index();
        return layout;
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
        int end = -1;
        Table t = table(path);
        if (t != null) {
            end = t.lineEnd();
        }
        return Math.max(end, contentEnd.getOrDefault(path, -1));
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

    private void scanDocument() throws SyntaxError {
        List<String> current = List.of();
        while (pos < text.length()) {
            int lineStart = pos;
            skipBlanks();
            if (atLineEnd() || peek() == '#') {
                finishLine();
                continue;
            }
            if (peek() == '[') {
                pos++;
                if (peek() == '[') {
                    throw error("arrays of tables ([[...]]) are not used by detour");
                }
                current = keyPath(']');
                pos++;
                finishLine();
                tables.add(new Table(current, lineOf(lineStart), lineStart, pos));
                continue;
            }
            List<String> key = keyPath('=');
            if (key.size() != 1) {
                throw error("dotted keys are not supported; use a [table] header");
            }
            pos++;
            skipBlanks();
            if (atLineEnd() || peek() == '#') {
                throw error("missing value after " + key.get(0) + " =");
            }
            int valueStart = pos;
            value(1);
            int valueEnd = pos;
            finishLine();
            List<String> path = new ArrayList<>(current);
            path.add(key.get(0));
            entries.add(new Entry(List.copyOf(path), lineOf(lineStart), lineStart, valueStart, valueEnd, pos));
        }
    }

    private List<String> keyPath(char terminator) throws SyntaxError {
        List<String> parts = new ArrayList<>();
        while (true) {
            skipBlanks();
            parts.add(key());
            skipBlanks();
            if (pos < text.length() && peek() == '.') {
                pos++;
                continue;
            }
            if (pos < text.length() && peek() == terminator) {
                return parts;
            }
            throw error("expected '" + terminator + "'");
        }
    }

    private String key() throws SyntaxError {
        if (pos >= text.length()) {
            throw error("expected a key");
        }
        char c = peek();
        if (c == '"') {
            int start = pos;
            basicString();
            return unescape(text.substring(start + 1, pos - 1));
        }
        if (c == '\'') {
            int start = pos;
            literalString();
            return text.substring(start + 1, pos - 1);
        }
        int start = pos;
        while (pos < text.length() && isBareKeyChar(peek())) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a key");
        }
        return text.substring(start, pos);
    }

    static boolean isBareKeyChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private void value(int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw new TooDeep(lineOf(pos));
        }
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = peek();
        if (text.startsWith("\"\"\"", pos)) {
            int close = pos + 3;
            while (true) {
                close = text.indexOf("\"\"\"", close);
                if (close < 0) {
                    throw error("unterminated multi-line string");
                }
                if (!escaped(close)) {
                    break;
                }
                close++;
            }
            pos = close + 3;
            while (pos < text.length() && peek() == '"') {
                pos++;
            }
        } else if (text.startsWith("'''", pos)) {
            int close = text.indexOf("'''", pos + 3);
            if (close < 0) {
                throw error("unterminated multi-line string");
            }
            pos = close + 3;
            while (pos < text.length() && peek() == '\'') {
                pos++;
            }
        } else if (c == '"') {
            basicString();
        } else if (c == '\'') {
            literalString();
        } else if (c == '[') {
            pos++;
            while (true) {
                skipSpaceAndComments();
                if (pos >= text.length()) {
                    throw error("unterminated array");
                }
                if (peek() == ']') {
                    pos++;
                    return;
                }
                value(depth + 1);
                skipSpaceAndComments();
                if (pos < text.length() && peek() == ',') {
                    pos++;
                }
            }
        } else if (c == '{') {
            pos++;
            while (true) {
                skipBlanks();
                if (pos >= text.length() || atLineEnd()) {
                    throw error("unterminated inline table");
                }
                if (peek() == '}') {
                    pos++;
                    return;
                }
                keyPath('=');
                pos++;
                skipBlanks();
                value(depth + 1);
                skipBlanks();
                if (pos < text.length() && peek() == ',') {
                    pos++;
                }
            }
        } else {
            int start = pos;
            while (pos < text.length() && " \t\r\n,]}#".indexOf(peek()) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a value");
            }
        }
    }

    private boolean escaped(int quote) {
        int backslashes = 0;
        for (int i = quote - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private void basicString() throws SyntaxError {
        pos++;
        while (pos < text.length()) {
            char c = peek();
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '\n') {
                break;
            }
            pos++;
            if (c == '"') {
                return;
            }
        }
        throw error("unterminated string");
    }

    private void literalString() throws SyntaxError {
        int close = text.indexOf('\'', pos + 1);
        int newline = text.indexOf('\n', pos + 1);
        if (close < 0 || newline >= 0 && newline < close) {
            throw error("unterminated string");
        }
        pos = close + 1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, Math.min(i + 5, s.length())), 16));
                    i += 4;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }

    private void skipBlanks() {
        while (pos < text.length() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && peek() != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean atLineEnd() {
        return pos >= text.length() || peek() == '\n' || peek() == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n';
    }

    /** Skips trailing blanks and an optional comment, then the newline; anything else is an error. */
    private void finishLine() throws SyntaxError {
        skipBlanks();
        if (pos < text.length() && peek() == '#') {
            while (pos < text.length() && peek() != '\n') {
                pos++;
            }
        }
        if (pos < text.length() && peek() == '\r') {
            pos++;
        }
        if (pos < text.length()) {
            if (peek() != '\n') {
                throw error("unexpected text after the value");
            }
            pos++;
        }
    }

    private char peek() {
        return text.charAt(pos);
    }

    private SyntaxError error(String message) {
        return new SyntaxError(lineOf(Math.min(pos, Math.max(0, text.length() - 1))), message);
    }
}
