package dev.detour.cli;

import dev.detour.config.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quick start ends a command as picocli's path does: the same output, errors and exit code. */
class QuickStartTest {
    @TempDir
    Path dir;

    private static CliRun quick(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Integer code = QuickStart.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertNotNull(code, "the quick start reads " + String.join(" ", args));
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void outputErrorsAndExitCodesAreThoseOfPicoclisPath() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        Path broken = Files.writeString(dir.resolve("broken.toml"), "[sessions.main]\nport = \"x\"\n");
        Path writable = TestConfigs.write(dir, "writable.toml", TestConfigs.shippedWithExamples(), "rw-rw-rw-");
        String config = file.toString();
        byte[] before = Files.readAllBytes(file);
        List<String[]> lines = new ArrayList<>(List.of(
                new String[]{"--version"},
                new String[]{"reroute", "main", "--config", config},
                new String[]{"reroute", "main", "mian", "--to", "openai", "--config", config},
                new String[]{"reroute", "main", "--to", "nowhere", "--config", config},
                new String[]{"reroute", "main", "--to", "anthropic", "--config", config},
                new String[]{"reroute", "main", "--to", "anthropic", "--config", writable.toString()},
                new String[]{"reroute", "main", "--for", "1h", "--to", "anthropic", "--config", config},
                new String[]{"reroute", "main", "--team", "--to", "anthropic", "--config", config},
                new String[]{"--config", broken.toString(), "reroute", "main", "--to", "anthropic"},
                new String[]{"reroute", "main", "--to", "anthropic", "--config", dir.resolve("missing.toml").toString()},
                new String[]{"status", "--no-health", "--config", broken.toString()},
                new String[]{"bridge", "nope", "--config", config},
                new String[]{"bridge", "main", "--drain-timeout", "5", "--config", broken.toString()}));
        for (String[] args : lines) {
            CliRun picocli = CliRun.of(args);
            CliRun quick = quick(args);
            String line = String.join(" ", args);
            assertEquals(picocli.exitCode(), quick.exitCode(), line + "\n" + picocli.err() + "\n" + quick.err());
            assertEquals(picocli.out(), quick.out(), line);
            assertEquals(picocli.err(), quick.err(), line);
        }
        assertEquals(new String(before), Files.readString(file), "nothing was written");
        CliRun unchanged = quick("reroute", "main", "--to", "anthropic", "--config", config);
        assertEquals(0, unchanged.exitCode(), unchanged.err());
        assertTrue(unchanged.out().startsWith("main: unchanged, on anthropic"), unchanged.out());
        assertTrue(quick("--version").out().startsWith("detour "), "the version");
    }

    @Test
    void helpAndCommandLineErrorsAreLeftToPicocli() {
        for (String[] args : List.of(new String[]{"--help"}, new String[]{"reroute", "--help"}, new String[]{"reroute"},
                new String[]{"status", "--timeout", "soon"}, new String[]{"bridge", "main", "--drain-timeout", "x"},
                new String[]{"reroute", "main", "--to"}, new String[]{})) {
            assertNull(QuickStart.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                    String.join(" ", args));
        }
    }
}
