package dev.detour.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A config larger than one piece of {@link TomlChunks} (a long comment is enough): tables with quoted names are read
 * the same when a piece starts inside them, and a syntax error in a later piece names its line in the whole file,
 * whether that piece starts at a table header or in the middle of a table.
 */
class LargeConfigTest {
    private static final Path FILE = Path.of("/home/dev/.config/detour/detour.toml");
    private static final String LONG_COMMENT = "# " + "x".repeat(TomlChunks.CHUNK_CHARS) + "\n";

    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void tablesWithQuotedNamesAreReadWhenAPieceStartsInsideThem() throws Exception {
        String text = ConfigValidationTest.VALID
                + "[upstreams.\"late-one\"]\nfamily = \"anthropic\"\nbase_url = \"https://late.example\"\n" + LONG_COMMENT
                + "auth = \"passthrough\"\nfirst_byte_timeout_s = 12\n"
                + "[upstreams.'late-two']\nfamily = \"anthropic\"\nbase_url = \"https://two.example\"\n" + LONG_COMMENT
                + "auth = \"env:TWO_KEY\"\n";
        Config config = ConfigLoader.parse(FILE, text).config();
        Upstream one = config.upstream("late-one").orElseThrow();
        assertEquals("passthrough", one.auth());
        assertEquals(12, one.firstByteTimeoutS());
        assertEquals("env:TWO_KEY", config.upstream("late-two").orElseThrow().auth());
    }

    @Test
    void anInvalidQuotedNameIsStillNamedWhenAPieceStartsInsideItsTable() {
        String text = ConfigValidationTest.VALID
                + "[upstreams.\"late one\"]\nfamily = \"anthropic\"\nbase_url = \"https://late.example\"\n" + LONG_COMMENT
                + "auth = \"passthrough\"\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, text));
        assertEquals("upstreams.late one", e.key(), e.getMessage());
        assertTrue(e.getMessage().contains("\"late one\" is not a valid upstream name"), e.getMessage());
    }

    @Test
    void anErrorInALaterPieceThatStartsAtATableNamesItsLine() {
        String text = ConfigValidationTest.VALID + LONG_COMMENT
                + "[upstreams.late]\nfamily = \"anthropic\"\nbase_url = \"https://late.example\"\nauth = \"passthrough\"\n"
                + "first_byte_timeout_s = 12abc\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, text));
        assertEquals(lineOf(text, "first_byte_timeout_s = 12abc"), e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("TOML syntax"), e.getMessage());
    }

    @Test
    void anErrorInALaterPieceThatStartsInsideATableNamesItsLine() {
        String text = ConfigValidationTest.VALID
                + "[upstreams.late]\nfamily = \"anthropic\"\nbase_url = \"https://late.example\"\n" + LONG_COMMENT
                + "auth = \"passthrough\"\nfirst_byte_timeout_s = 12abc\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(FILE, text));
        assertEquals(lineOf(text, "first_byte_timeout_s = 12abc"), e.line(), e.getMessage());
    }
}
