package dev.detour.cli;

import dev.detour.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A config over the size limit (issue 16, item 8) is a usage error: exit 2, the file and the limit, nothing written. */
class OversizedConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void rerouteOnAConfigOverTheLimitIsExitTwoAndWritesNothing() throws Exception {
        StringBuilder text = new StringBuilder("""
                [upstreams.a]
                family = "anthropic"
                base_url = "https://a.example"
                auth = "passthrough"

                [upstreams.b]
                family = "anthropic"
                base_url = "https://b.example"
                auth = "passthrough"

                [sessions.main]
                port = 18799
                route = ["a", "b"]
                """);
        while (text.length() <= ConfigLoader.MAX_BYTES) {
            text.append("# a very long config ").append("x".repeat(200)).append('\n');
        }
        Path file = dir.resolve("huge.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        byte[] before = Files.readAllBytes(file);

        CliRun run = CliRun.of("reroute", "main", "--to", "b", "--config", file.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertEquals("detour: " + file + ": the file has " + before.length + " bytes; a config is a few KB and detour "
                + "reads none over 2 MiB", run.err().strip());
        assertFalse(run.err().contains("Exception"), run.err());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertTrue(run.out().isEmpty(), run.out());
    }
}
