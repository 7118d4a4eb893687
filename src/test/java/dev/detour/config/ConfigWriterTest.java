package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigWriterTest {
    @TempDir
    Path dir;

    /** Line numbers (1-based) where two texts of equal line count differ; fails when the line counts differ. */
    static List<Integer> changedLines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        assertEquals(a.length, b.length, "a value change must not add or remove lines");
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                changed.add(i + 1);
            }
        }
        return changed;
    }

    static int lineOf(String text, String line) {
        List<String> lines = text.lines().toList();
        int i = lines.indexOf(line);
        assertTrue(i >= 0, "no line " + line);
        return i + 1;
    }

    @Test
    void rerouteAndFlipChangeExactlyTheRouteLinesAndKeepTheMode() throws Exception {
        String original = TestConfigs.shippedWithExamples();
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-r-----");

        ConfigChange reroute = ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        String afterReroute = Files.readString(file);
        assertEquals(reroute.text(), afterReroute);
        assertEquals(List.of(lineOf(original, "route = [\"anthropic\"]")), changedLines(original, afterReroute));
        assertTrue(afterReroute.contains("\nroute = [\"corp-proxy\", \"anthropic\"]\n"), afterReroute);

        ConfigWriter.update(file, c -> RouteChanges.flipFamily(c, "review"));
        String afterFlip = Files.readString(file);
        int reviewRoute = lineOf(original, "route = [\"corp-proxy\", \"anthropic\", \"openai\"]");
        assertEquals(List.of(reviewRoute), changedLines(afterReroute, afterFlip));
        assertEquals("route = [\"openai\", \"corp-proxy\", \"anthropic\"]", afterFlip.lines().toList().get(reviewRoute - 1));

        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.filter(f -> !f.getFileName().toString().equals(".detour.toml.lock")).toList(),
                    "no temp file is left behind (the writers' lock file stays)");
        }
    }

    @Test
    void theFileIsReplacedByARenameNeverRewrittenInPlace() throws Exception {
        String original = TestConfigs.shippedWithExamples();
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-r-----");
        Object inodeBefore = Files.getAttribute(file, "unix:ino");
        // a reader that opened the old file (a bridge reloading, an editor) keeps seeing it whole
        Path oldView = dir.resolve("old-view.toml");
        Files.createLink(oldView, file);

        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));

        assertEquals(original, Files.readString(oldView), "the old file is never written to");
        assertFalse(inodeBefore.equals(Files.getAttribute(file, "unix:ino")), "a new file took the old one's name");
        assertTrue(Files.readString(file).contains("\nroute = [\"corp-proxy\", \"anthropic\"]\n"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "mode kept");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file, oldView), files.filter(f -> !f.getFileName().toString().equals(".detour.toml.lock"))
                    .sorted().toList(), "no temp file is left behind (the advisory lock file stays by design)");
        }
    }

    @Test
    void aChangedValueKeepsItsTrailingCommentAndQuoteStyle() throws Exception {
        String original = """
                [upstreams.a]
                family = "anthropic"
                base_url = "https://a.example"
                auth = "passthrough"
                [upstreams.b]
                family = "anthropic"
                base_url = "https://b.example"
                auth = "env:B_KEY"

                [sessions.main]
                  port = 8781
                  route = [ 'a', 'b' ]   # a first, b when a fails
                """;
        Path file = TestConfigs.write(dir, "c.toml", original, "rw-------");
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "b"));
        assertEquals(original.replace("route = [ 'a', 'b' ]", "route = [ 'b', 'a' ]"), Files.readString(file));
    }

    @Test
    void aMultiLineRouteIsReorderedLineByLineWithItsComments() throws Exception {
        String original = """
                [upstreams.a]
                family = "anthropic"
                base_url = "https://a.example"
                auth = "passthrough"
                [upstreams.b]
                family = "anthropic"
                base_url = "https://b.example"
                auth = "env:B_KEY"
                [upstreams.c]
                family = "openai"
                base_url = "https://c.example"
                auth = "env:C_KEY"
                [sessions.main]
                port = 8781
                route = [   # in order of preference
                  "a",  # primary
                  # the gateway, for outages of a
                  "b"
                ]  # end of route
                failover = "any"
                """;
        Path file = TestConfigs.write(dir, "c.toml", original, "rw-------");
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "b"));
        String rerouted = original.replace("""
                  "a",  # primary
                  # the gateway, for outages of a
                  "b"
                """, """
                  # the gateway, for outages of a
                  "b",
                  "a"  # primary
                """);
        assertEquals(rerouted, Files.readString(file));
        ConfigWriter.update(file, c -> RouteChanges.flipFamily(c, "main"));
        assertEquals(rerouted.replace("""
                route = [   # in order of preference
                """, """
                route = [   # in order of preference
                  "c",
                """), Files.readString(file));
    }

    @Test
    void aMultiLineRouteWithSeveralItemsOnALineBecomesOneLine() throws Exception {
        String original = """
                [upstreams.a]
                family = "anthropic"
                base_url = "https://a.example"
                auth = "passthrough"
                [upstreams.b]
                family = "anthropic"
                base_url = "https://b.example"
                auth = "env:B_KEY"
                [sessions.main]
                port = 8781
                route = [
                  "a", "b",
                ]
                """;
        Path file = TestConfigs.write(dir, "c.toml", original, "rw-------");
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "b"));
        assertEquals(original.replace("route = [\n  \"a\", \"b\",\n]", "route = [\"b\", \"a\"]"), Files.readString(file));
    }

    @Test
    void aConcurrentEditOfAnotherKeyBetweenReadAndWriteSurvives() throws Exception {
        String original = TestConfigs.shippedWithExamples();
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-------");
        AtomicInteger calls = new AtomicInteger();
        ConfigWriter writer = new ConfigWriter(target -> {
            if (calls.incrementAndGet() == 1) {
                // someone saves the file in an editor after detour read it
                Files.writeString(target, Files.readString(target).replace("probe_interval_s = 15", "probe_interval_s = 20"));
            }
        });
        ConfigChange change = writer.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        String now = Files.readString(file);
        assertEquals(2, calls.get(), "the change was applied again to the new content");
        assertTrue(now.contains("\nprobe_interval_s = 20\n"), "the concurrent edit survives");
        assertEquals(20, change.after().settings().probeIntervalS());
        assertEquals(List.of("corp-proxy", "anthropic"), change.after().session("main").orElseThrow().route());
        String expected = original.replace("probe_interval_s = 15", "probe_interval_s = 20")
                .replace("route = [\"anthropic\"]", "route = [\"corp-proxy\", \"anthropic\"]");
        assertEquals(expected, now);
    }

    @Test
    void aFileThatKeepsChangingIsNeverOverwritten() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        AtomicInteger calls = new AtomicInteger();
        ConfigWriter writer = new ConfigWriter(target ->
                Files.writeString(target, "# edit " + calls.incrementAndGet() + "\n" + Files.readString(target)));
        IOException e = assertThrows(IOException.class,
                () -> writer.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy")));
        assertTrue(e.getMessage().contains("kept changing"), e.getMessage());
        assertFalse(e.getMessage().contains(file.getFileName().toString()),
                "callers put the file in front of the message; it must not appear twice: " + e.getMessage());
        String now = Files.readString(file);
        assertTrue(now.contains("# edit " + ConfigWriter.MAX_ATTEMPTS + "\n"));
        assertTrue(now.contains("\nroute = [\"anthropic\"]\n"), "the route was not written");
    }

    @Test
    void aNewSessionIsAppendedAfterTheLastSessionInTheSameStyle() throws Exception {
        String original = TestConfigs.shipped();
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-------");
        ConfigWriter.update(file, c -> c.withSession(new Session("review", 8782, List.of("anthropic"), Failover.OFF)));
        String now = Files.readString(file);
        String block = "\n[sessions.review]\nport = 8782\nroute = [\"anthropic\"]\nfailover = \"off\"\n";
        int main = original.indexOf("failover = \"same-family\"\n", original.indexOf("[sessions.main]"))
                + "failover = \"same-family\"\n".length();
        assertEquals(original.substring(0, main) + block + original.substring(main), now);
    }

    @Test
    void aKeyThatWasNotWrittenIsAddedToItsTable() throws Exception {
        String original = """
                [upstreams.a]
                family = "anthropic"
                base_url = "https://a.example"
                auth = "passthrough"

                [sessions.main]
                port = 8781
                route = ["a"]

                # the end
                """;
        Path file = TestConfigs.write(dir, "c.toml", original, "rw-------");
        ConfigWriter.update(file, c -> c.withSession(c.session("main").orElseThrow().withFailover(Failover.ANY)));
        assertEquals(original.replace("route = [\"a\"]\n", "route = [\"a\"]\nfailover = \"any\"\n"), Files.readString(file));
    }

    @Test
    void aChangeThatMakesTheConfigInvalidWritesNothing() throws Exception {
        String original = TestConfigs.shippedWithExamples();
        Path file = TestConfigs.write(dir, "detour.toml", original, "rw-------");
        byte[] before = Files.readAllBytes(file);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigWriter.update(file, c -> c.withSession(
                new Session("extra", 8781, List.of("anthropic"), Failover.OFF))));
        assertEquals("sessions.extra.port", e.key());
        assertEquals(0, e.line(), "the new session is in no line of the file");
        assertEquals(file + ": sessions.extra.port: change refused, nothing was written: "
                + "port 8781 is already used by session \"main\"; each session needs its own port", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void anUnchangedModelDoesNotTouchTheFile() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shipped(), "rw-------");
        long modified = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(modified - 10_000));
        ConfigChange change = ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "anthropic"));
        assertFalse(change.changed());
        assertEquals(modified - 10_000, Files.getLastModifiedTime(file).toMillis());
    }

    @Test
    void aSymlinkedConfigStaysASymlinkAndItsTargetChanges() throws Exception {
        Path real = TestConfigs.write(dir, "real.toml", TestConfigs.shippedWithExamples(), "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link.toml"), real);
        ConfigWriter.update(link, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("route = [\"corp-proxy\", \"anthropic\"]"));
    }

    @Test
    void firstRunCopyIsPrivateInPrivateFolders() throws Exception {
        Path file = dir.resolve("xdg/detour/detour.toml");
        assertTrue(ShippedConfig.installIfMissing(file));
        assertEquals(ShippedConfig.text(), Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("xdg"))));
        Files.writeString(file, "# mine\n");
        assertFalse(ShippedConfig.installIfMissing(file), "an existing file is never replaced");
        assertEquals("# mine\n", Files.readString(file));
    }
}
