package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The config writer next to other programs: a line another program appends while detour writes is kept, a program
 * that keeps the file open for writing is waited for (briefly) and then named, a file rewritten under every attempt
 * says nothing was written, and an invalid new value points at the line of its table.
 */
class ConfigWriterOthersTest {
    private static final String REROUTED = "route = [\"corp-proxy\", \"anthropic\"]";

    @TempDir
    Path dir;

    private Path shipped() throws IOException {
        return TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
    }

    @Test
    void aLineAppendedWhileDetourWritesIsKeptAtTheEnd() throws Exception {
        Path file = shipped();
        String original = Files.readString(file);
        ConfigWriter writer = new ConfigWriter(target -> Files.writeString(target, "# noted by another tool\n",
                java.nio.file.StandardOpenOption.APPEND));
        ConfigChange change = writer.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        String expected = original.replace("route = [\"anthropic\"]", REROUTED) + "# noted by another tool\n";
        assertEquals(expected, Files.readString(file));
        assertEquals(expected, change.text());
    }

    @Test
    void aFileRewrittenUnderEveryAttemptSaysNothingWasWritten() throws Exception {
        Path file = shipped();
        AtomicInteger calls = new AtomicInteger();
        ConfigWriter writer = new ConfigWriter(target ->
                Files.writeString(target, "# edit " + calls.incrementAndGet() + "\n" + Files.readString(target)));
        IOException e = assertThrows(IOException.class, () -> writer.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy")));
        assertEquals("the file kept changing while detour tried to write it; nothing was written", e.getMessage());
    }

    /** A shell that opens {@code file} for appending and keeps it open; returns once the descriptor is open. */
    private static Process holdOpenForWriting(Path file) throws Exception {
        return holdOpen("exec 3>>\"$1\"", file);
    }

    /** A shell that runs {@code redirections} ($1 is {@code file}) and keeps what they opened; returns once they ran. */
    private static Process holdOpen(String redirections, Path file) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", redirections + "; echo ready; exec sleep 30", "sh", file.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        assertEquals("ready", line);
        return p;
    }

    @Test
    void aProgramThatKeepsTheFileOpenForWritingIsNamedAndNothingIsWritten() throws Exception {
        Path file = shipped();
        byte[] before = Files.readAllBytes(file);
        Process holder = holdOpenForWriting(file);
        try {
            IOException e = assertThrows(IOException.class, () -> ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy")));
            assertTrue(e.getMessage().startsWith("pid " + holder.pid() + " ("), e.getMessage());
            assertTrue(e.getMessage().contains("keeps the file open for writing; nothing was written"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProgramThatClosesTheFileWithinTheWaitIsWaitedFor() throws Exception {
        Path file = shipped();
        Process holder = holdOpenForWriting(file);
        try {
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                holder.destroyForcibly();
            });
            ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
            assertTrue(Files.readString(file).contains("\n" + REROUTED + "\n"));
        } finally {
            holder.destroyForcibly();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anInvalidValueForAKeyNotInTheFileNamesTheLineOfItsTable() throws Exception {
        Path file = shipped();
        byte[] before = Files.readAllBytes(file);
        String text = Files.readString(file);
        int corpLine = ConfigWriterTest.lineOf(text, "[upstreams.corp-proxy]");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigWriter.update(file, c -> {
            Upstream u = c.upstream("corp-proxy").orElseThrow();
            Map<String, Upstream> upstreams = new java.util.LinkedHashMap<>(c.upstreams());
            upstreams.put(u.name(), new Upstream(u.name(), u.family(), u.baseUrl(), u.auth(), u.statusPage(), u.statusComponent(),
                    u.models(), u.api(), 0, u.region(), u.project(), u.betas(), u.network()));
            return new Config(c.settings(), upstreams, c.sessions(), c.team());
        }));
        assertEquals("upstreams.corp-proxy.first_byte_timeout_s", e.key());
        assertEquals(corpLine, e.line(), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void programsThatOnlyReadTheFileOrWriteAnotherOneDoNotHoldItUp() throws Exception {
        Path file = shipped();
        Process reader = holdOpen("exec 3<\"$1\" 4>>\"$1.bak\" 5>>\"$1\"x", file);
        try {
            ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
            assertTrue(Files.readString(file).contains("\n" + REROUTED + "\n"));
        } finally {
            reader.destroyForcibly();
            reader.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
