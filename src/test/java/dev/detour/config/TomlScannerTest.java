package dev.detour.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TOML scanner on its own: where each value sits in valid text, and the line and reason it gives for broken text. */
class TomlScannerTest {

    record Broken(String name, String text, int line, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Broken> broken() {
        return Stream.of(
                new Broken("array of tables", "a = 1\n[[t]]\nb = 2\n", 2, "arrays of tables"),
                new Broken("dotted key", "a = 1\nb.c = 2\n", 2, "dotted keys are not supported"),
                new Broken("key without value", "a = 1\nb =\n", 2, "missing value after b ="),
                new Broken("key without value before a comment", "b =   # nothing\n", 1, "missing value after b ="),
                new Broken("key without value before CRLF", "b =\r\n", 1, "missing value after b ="),
                new Broken("key without equals", "a = 1\nb 2\n", 2, "expected '='"),
                new Broken("header without closing bracket", "[t\na = 1\n", 1, "expected ']'"),
                new Broken("empty header", "[]\n", 1, "expected a key"),
                new Broken("key of a symbol", "a = 1\n! = 2\n", 2, "expected a key"),
                new Broken("key at the end of the text", "[t.", 1, "expected a key"),
                new Broken("equals at the end of the text", "a =", 1, "missing value after a ="),
                new Broken("unterminated basic string", "a = \"abc\nb = 1\n", 1, "unterminated string"),
                new Broken("unterminated basic string at the end", "a = \"abc", 1, "unterminated string"),
                new Broken("unterminated literal string", "a = 1\nb = 'abc\nc = 'd'\n", 2, "unterminated string"),
                new Broken("literal string without close", "a = 'abc", 1, "unterminated string"),
                new Broken("unterminated multi-line string", "a = \"\"\"abc\n\\\"\"\"\n", 1, "unterminated multi-line string"),
                new Broken("unterminated literal multi-line string", "a = '''abc\n", 1, "unterminated multi-line string"),
                new Broken("unterminated array", "a = [1, 2\n\n", 2, "unterminated array"),
                new Broken("unterminated inline table", "a = { b = 1\nc = 2\n", 1, "unterminated inline table"),
                new Broken("inline table at the end of the text", "a = { b = 1, ", 1, "unterminated inline table"),
                new Broken("array item that is no value", "a = [1, ,]\n", 1, "expected a value"),
                new Broken("text after a value", "a = 1 2\n", 1, "unexpected text after the value"),
                new Broken("text after a header", "[t] x\n", 1, "unexpected text after the value"),
                new Broken("a lone carriage return", "a = 1\r b = 2\n", 1, "unexpected text after the value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenTextNamesItsLineAndWhatWasExpected(Broken c) {
        TomlLayout.SyntaxError e = assertThrows(TomlLayout.SyntaxError.class, () -> TomlLayout.scan(c.text()));
        assertTrue(e.getMessage().contains(c.reason()), e.getMessage());
        assertEquals(c.line(), e.line(), e.getMessage());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedAndTheLimitItselfIsNot() throws Exception {
        String atLimit = "a = " + "[".repeat(TomlLayout.MAX_DEPTH) + "]".repeat(TomlLayout.MAX_DEPTH) + "\n";
        assertEquals(1, TomlLayout.scan(atLimit).entries().size());
        String tooDeep = "x = 1\na = " + "[".repeat(TomlLayout.MAX_DEPTH + 1) + "]".repeat(TomlLayout.MAX_DEPTH + 1) + "\n";
        TomlLayout.SyntaxError e = assertThrows(TomlLayout.TooDeep.class, () -> TomlLayout.scan(tooDeep));
        assertEquals(2, e.line());
        String inlineTooDeep = "a = " + "{ b = ".repeat(TomlLayout.MAX_DEPTH + 1) + "1" + " }".repeat(TomlLayout.MAX_DEPTH + 1) + "\n";
        assertThrows(TomlLayout.TooDeep.class, () -> TomlLayout.scan(inlineTooDeep));
    }

    private static String value(String text, String... path) throws Exception {
        TomlLayout layout = TomlLayout.scan(text);
        TomlLayout.Entry e = layout.entry(List.of(path));
        return text.substring(e.valueStart(), e.valueEnd());
    }

    @Test
    void valueSpansEndWhereTheValueEnds() throws Exception {
        assertEquals("\"a\\\"b\"", value("k = \"a\\\"b\"  # c\n", "k"));
        assertEquals("\"a\\\\\"", value("k = \"a\\\\\"\n", "k"), "an escaped backslash does not escape the quote");
        assertEquals("'a\\'", value("k = 'a\\'\n", "k"), "a literal string has no escapes");
        assertEquals("\"\"\"x\n\\\"\"\"y\"\"\"", value("k = \"\"\"x\n\\\"\"\"y\"\"\"\nz = 1\n", "k"));
        assertEquals("\"\"\"x\"\"\"\"\"", value("k = \"\"\"x\"\"\"\"\"\n", "k"), "up to two quotes may close the string");
        assertEquals("\"\"\"a\\\\\"\"\"", value("k = \"\"\"a\\\\\"\"\"\n", "k"), "an escaped backslash does not escape the quotes");
        assertEquals("'''x\n'y'''''", value("k = '''x\n'y'''''\n", "k"));
        assertEquals("[ 1, [2, 3], # two\n  4 ]", value("k = [ 1, [2, 3], # two\n  4 ]  # after\nz = 1\n", "k"));
        assertEquals("[\n]", value("k = [\n]\n", "k"));
        assertEquals("{ a = 1, b = { c = \"}\" } }", value("k = { a = 1, b = { c = \"}\" } }\n", "k"));
        assertEquals("{}", value("k = {}\n", "k"));
        assertEquals("2026-01-02T03:04:05Z", value("k = 2026-01-02T03:04:05Z# c\n", "k"));
        assertEquals("true", value("k=true\r\n", "k"));
        assertEquals("-1", value("\tk\t=\t-1", "k"));
    }

    @Test
    void keysAndTablesAreFoundWithTheirLinesAndQuotedNamesUnescaped() throws Exception {
        String text = "# top\n\n  top = 1\n[ t . \"q\\\"\\u0041\\n\\t\\r\\b\\f\\\\\" ]  # header\n'lit.key' = 2\n\"a\\tb\" = 3\n"
                + "[u]\r\nx = 4\r\n";
        TomlLayout layout = TomlLayout.scan(text);
        assertEquals(3, layout.entry(List.of("top")).line());
        String quoted = "q\"A\n\t\r\b\f\\";
        TomlLayout.Table t = layout.table(List.of("t", quoted));
        assertEquals(4, t.line());
        assertEquals(text.indexOf("[ t"), t.lineStart());
        assertEquals(text.indexOf("'lit"), t.lineEnd());
        assertEquals(5, layout.entry(List.of("t", quoted, "lit.key")).line());
        assertEquals(6, layout.entry(List.of("t", quoted, "a\tb")).line());
        TomlLayout.Entry x = layout.entry(List.of("u", "x"));
        assertEquals(8, x.line());
        assertEquals(text.length(), x.lineEnd(), "the entry's line ends after its CRLF");
        assertEquals(text.indexOf("x = 4"), x.lineStart());
        assertEquals(List.of(List.of("top"), List.of("t", quoted, "lit.key"), List.of("t", quoted, "a\tb"), List.of("u", "x")),
                layout.entries().stream().map(TomlLayout.Entry::path).toList());
        assertNull(layout.entry(List.of("x")));
        assertEquals("1", value("-_AZaz09 = 1\n", "-_AZaz09"));
    }

    @Test
    void bareKeyCharactersAreLettersDigitsUnderscoreAndDash() {
        for (char c : "AZaz09_-".toCharArray()) {
            assertTrue(TomlScanner.isBareKeyChar(c), String.valueOf(c));
        }
        for (char c : "@[`{/:.= \"'".toCharArray()) {
            assertTrue(!TomlScanner.isBareKeyChar(c), String.valueOf(c));
        }
    }
}
