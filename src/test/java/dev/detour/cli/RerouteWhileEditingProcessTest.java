package dev.detour.cli;

import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lost-edits experiment (issue 16, item 6) at a small size, with real {@code detour reroute} processes: two loops
 * of reroutes while an editor appends a line every 50 ms, reopening the file each time. No line may be lost; every
 * reroute is applied, or refused with one clear line that says nothing was written. scripts/fuzz-config-writers
 * runs the full size, and the variant with an editor that keeps the file open.
 */
class RerouteWhileEditingProcessTest {
    private static final int REROUTES_PER_LOOP = 8;

    @TempDir
    Path dir;

    @Test
    void reroutesFromTwoProcessesWhileAnEditorAppendsLoseNoLine() throws Exception {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, """
                [upstreams.first]
                family = "anthropic"
                base_url = "https://first.example"
                auth = "passthrough"

                [upstreams.second]
                family = "anthropic"
                base_url = "https://second.example"
                auth = "passthrough"

                [sessions.main]
                port = 18791
                route = ["first", "second"]
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        AtomicBoolean editing = new AtomicBoolean(true);
        AtomicInteger appended = new AtomicInteger();
        Thread editor = new Thread(() -> {
            while (editing.get()) {
                try {
                    Files.writeString(file, "# hand edit " + (appended.get() + 1) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.APPEND);
                    appended.incrementAndGet();
                    Thread.sleep(50);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "editor");
        ConcurrentLinkedQueue<String> applied = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
        List<Thread> loops = new ArrayList<>();
        for (int loop = 0; loop < 2; loop++) {
            int first = loop;
            loops.add(new Thread(() -> {
                for (int i = 0; i < REROUTES_PER_LOOP; i++) {
                    String to = (i + first) % 2 == 0 ? "second" : "first";
                    try {
                        DetourProcess.Result r = DetourProcess.run(Map.of("XDG_STATE_HOME", dir.resolve("state").toString()),
                                dir, 120, "reroute", "main", "--to", to, "--config", file.toString());
                        String err = r.stderr().strip();
                        if (r.exitCode() == 0 && !err.contains("Exception")) {
                            applied.add(to);
                        } else if (r.exitCode() == 1 && err.lines().count() == 1 && err.startsWith("detour: " + file)
                                && err.contains("nothing was written")) {
                            refused.add(err);
                        } else {
                            failed.add("exit " + r.exitCode() + ": " + err);
                        }
                    } catch (Exception e) {
                        failed.add(e.toString());
                    }
                }
            }, "reroutes-" + loop));
        }
        editor.start();
        loops.forEach(Thread::start);
        for (Thread loop : loops) {
            loop.join(300_000);
        }
        editing.set(false);
        editor.join(5_000);

        assertEquals(List.of(), List.copyOf(failed), "every reroute is applied or refused clearly");
        assertEquals(2 * REROUTES_PER_LOOP, applied.size() + refused.size());
        String text = Files.readString(file);
        List<Integer> lost = new ArrayList<>();
        for (int n = 1; n <= appended.get(); n++) {
            if (!text.contains("\n# hand edit " + n + "\n")) {
                lost.add(n);
            }
        }
        assertTrue(appended.get() > 0);
        assertEquals(List.of(), lost, "hand edits lost of " + appended.get() + " (" + applied.size() + " reroutes applied, "
                + refused.size() + " refused: " + refused + ")");
        assertTrue(text.contains("route = [\"first\", \"second\"]") || text.contains("route = [\"second\", \"first\"]"), text);
    }
}
