package dev.detour.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text that a hand edit leaves behind at the edges the scanner must not trip over: a file whose last line has no
 * newline (cut anywhere, it is a clear syntax error or a valid document, never a crash), a carriage return at the very
 * end, indented comments and blank lines, blanks before the commas of an inline table.
 */
class TomlTextEdgesTest {

    private static void refusedAt(String text, int line, String reason) {
        TomlLayout.SyntaxError e = assertThrows(TomlLayout.SyntaxError.class, () -> TomlLayout.scan(text), text);
        assertTrue(e.getMessage().contains(reason), text + ": " + e.getMessage());
        assertEquals(line, e.line(), text + ": " + e.getMessage());
    }

    @Test
    void textThatEndsWithoutANewlineInsideAnyConstructIsASyntaxErrorThatSaysWhatWasExpected() {
        refusedAt("[sessions", 1, "expected ']'");
        refusedAt("a = 1\n[sessions.main", 2, "expected ']'");
        refusedAt("a = [1, 2 # two", 1, "unterminated array");
        refusedAt("a = { b = 1", 1, "unterminated inline table");
        refusedAt("a = 1\n\r", 2, "expected a key");
    }

    @Test
    void textThatEndsWithoutANewlineAfterACompleteLineIsValid() throws Exception {
        assertEquals(List.of(List.of("t")), TomlLayout.scan("a = 1\n[t]").tables().stream().map(TomlLayout.Table::path).toList());
        assertEquals(List.of("t"), TomlLayout.scan("[t]  ").tables().get(0).path());
        assertEquals(List.of("t"), TomlLayout.scan("[t] # last").tables().get(0).path());
        for (String value : List.of("\"\"\"x\"\"\"", "'''x'''", "\"\"\"x\"\"\"\"", "'''x''''", "{ b = 1 }", "[1, 2]", "'x'", "42")) {
            String text = "a = " + value;
            TomlLayout.Entry e = TomlLayout.scan(text).entry(List.of("a"));
            assertEquals(value, text.substring(e.valueStart(), e.valueEnd()), text);
        }
        TomlLayout.Entry crlf = TomlLayout.scan("a = 1\r\nb = 2\r").entry(List.of("b"));
        assertEquals("2", "a = 1\r\nb = 2\r".substring(crlf.valueStart(), crlf.valueEnd()));
    }

    @Test
    void indentedCommentsBlankLinesAndHeadersAreWhatPeopleWrite() throws Exception {
        String text = "[upstreams.a]\n    # the company proxy\n  \t\nfamily = \"anthropic\"\n  [sessions.main]\n  route = [\"a\"]\n";
        TomlLayout layout = TomlLayout.scan(text);
        assertEquals(List.of(List.of("upstreams", "a"), List.of("sessions", "main")),
                layout.tables().stream().map(TomlLayout.Table::path).toList());
        assertEquals(4, layout.entry(List.of("upstreams", "a", "family")).line());
        assertEquals(6, layout.entry(List.of("sessions", "main", "route")).line());
    }

    @Test
    void blanksBeforeTheCommasOfAnInlineTableAreAllowed() throws Exception {
        String text = "models = { opus = \"gpt-5\" , default = \"gpt-5-mini\"\t, fast = 'x' }\n";
        TomlLayout.Entry e = TomlLayout.scan(text).entry(List.of("models"));
        assertEquals(text.indexOf('{'), e.valueStart());
        assertEquals(text.indexOf('}') + 1, e.valueEnd());
    }
}
