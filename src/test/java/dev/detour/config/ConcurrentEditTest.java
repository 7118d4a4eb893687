package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The experiment that lost hand edits: two loops of reroutes while a person's editor appends lines to the file. No
 * line may be lost, and every reroute is either applied or refused with a clear message.
 */
class ConcurrentEditTest {
    @TempDir
    Path dir;

    @Test
    void reroutesWhileSomeoneAppendsLoseNoLine() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger appended = new AtomicInteger();
        ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        AtomicInteger applied = new AtomicInteger();
        Thread editor = new Thread(() -> {
            while (writing.get() && appended.get() < 3000) {
                try {
                    Files.writeString(file, "# hand edit " + appended.incrementAndGet() + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.APPEND);
                    Thread.sleep(1);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "editor");
        List<Thread> loops = new ArrayList<>();
        for (String to : List.of("corp-proxy", "anthropic")) {
            loops.add(new Thread(() -> {
                for (int i = 0; i < 60; i++) {
                    String target = i % 2 == 0 ? to : "openai";
                    try {
                        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", target));
                        applied.incrementAndGet();
                    } catch (ConfigException | IOException e) {
                        refusals.add(e.getMessage());
                    }
                }
            }, "reroute-" + to));
        }
        editor.start();
        loops.forEach(Thread::start);
        for (Thread loop : loops) {
            loop.join(120_000);
        }
        writing.set(false);
        editor.join(5_000);

        String text = Files.readString(file);
        List<Integer> missing = new ArrayList<>();
        for (int n = 1; n <= appended.get(); n++) {
            if (!text.contains("# hand edit " + n + "\n")) {
                missing.add(n);
            }
        }
        assertEquals(List.of(), missing, "hand edits lost (of " + appended.get() + "; " + applied.get() + " applied)");
        assertEquals(120, applied.get() + refusals.size());
        for (String refusal : refusals) {
            assertTrue(refusal.contains("kept changing") && refusal.contains("nothing was written"), refusal);
        }
        ConfigLoader.parse(file, text);
    }

    @Test
    void aLineAppendedWhileDetourWritesIsCarriedOver() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        AtomicInteger calls = new AtomicInteger();
        ConfigWriter writer = new ConfigWriter(target -> Files.writeString(target,
                "# appended " + calls.incrementAndGet() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        ConfigChange change = writer.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        String now = Files.readString(file);
        assertEquals(1, calls.get(), "an append does not make the change start again");
        assertTrue(now.endsWith("\n# appended 1\n"), now);
        assertTrue(now.contains("route = [\"corp-proxy\", \"anthropic\"]"), now);
        assertEquals(now, change.text());
    }

    @Test
    void aWriterThatOpenedTheFileJustBeforeTheRenameIsWaitedFor() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        List<Process> writers = new ArrayList<>();
        ConfigWriter writer = new ConfigWriter(target -> {
            // an editor opens the file now and writes its line only after detour's rename and settle time
            Process late = new ProcessBuilder("bash", "-c", "exec 3>>\"$0\"; sleep 0.5; echo '# late line' >&3",
                    target.toString()).start();
            writers.add(late);
            awaitOpenForWriting(late, target);
        });
        try {
            writer.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
            String now = Files.readString(file);
            assertTrue(now.endsWith("\n# late line\n"), "the line written into the replaced file is kept: " + now);
            assertTrue(now.contains("route = [\"corp-proxy\", \"anthropic\"]"), now);
        } finally {
            writers.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void aProcessThatKeepsTheFileOpenForWritingMakesDetourRefuse() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        byte[] before = Files.readAllBytes(file);
        Process logger = new ProcessBuilder("bash", "-c", "exec 3>>\"$0\"; sleep 60", file.toString()).start();
        try {
            awaitOpenForWriting(logger, file);
            IOException e = assertThrows(IOException.class,
                    () -> ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy")));
            assertTrue(e.getMessage().startsWith("pid " + logger.pid() + " ("), e.getMessage());
            assertTrue(e.getMessage().endsWith(") keeps the file open for writing; nothing was written: "
                    + "close it there (or let it finish) and try again"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        } finally {
            logger.destroyForcibly();
            logger.waitFor(5, TimeUnit.SECONDS);
        }
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        assertTrue(Files.readString(file).contains("route = [\"corp-proxy\", \"anthropic\"]"));
    }

    /** Waits (bounded) until {@code process} holds {@code file} open, as {@code /proc} shows it. */
    private static void awaitOpenForWriting(Process process, Path file) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!OpenWriters.of(file, OpenWriters.Inode.of(file)).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("pid " + process.pid() + " did not open " + file + " within 10 s");
    }
}
