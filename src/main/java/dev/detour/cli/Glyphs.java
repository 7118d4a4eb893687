package dev.detour.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Symbols for plain command output; ASCII when the output charset cannot show them (JDK 17 with LANG=C). */
final class Glyphs {
    private Glyphs() {
    }

    static String arrow() {
        return Charset.defaultCharset().equals(StandardCharsets.UTF_8) ? "→" : "->";
    }
}
