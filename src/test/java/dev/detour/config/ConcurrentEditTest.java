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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
