package dev.detour.config;

import dev.detour.config.TomlLayout.Entry;
import dev.detour.config.TomlLayout.SyntaxError;
import dev.detour.config.TomlLayout.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a TOML text once, front to back, and notes where each table header and each {@code key = value} sits
 * ({@link TomlLayout}). It checks only what it must to find the spans (the subset detour writes and reads: no
 * arrays of tables, no dotted keys); TOML4J reads the values.
 */
final class TomlScanner {
    private final String text;
    private final int[] lineStarts;
    private final List<Table> tables = new ArrayList<>();
    private final List<Entry> entries = new ArrayList<>();
    private int pos;

    TomlScanner(String text) {
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

    TomlLayout scan() throws SyntaxError {
        scanDocument();
        return new TomlLayout(text, lineStarts, tables, entries);
    }

    private int lineOf(int offset) {
        return TomlLayout.lineOf(lineStarts, offset);
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
        if (depth > TomlLayout.MAX_DEPTH) {
            throw new TomlLayout.TooDeep(TomlLayout.lineOf(lineStarts, pos));
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
                if (atLineEnd()) {
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
