package dev.detour.tui.shell;

import dev.detour.tui.Fixtures;
import dev.detour.tui.model.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16, item 3, the dashboard's side: its background pollers outlive any exception or error, and say so. */
class PollersSurviveTest {
    @TempDir
    Path dir;

    @Test
    void aPollThatThrowsAnErrorIsLoggedAndKeepsRunning() throws Exception {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, Fixtures.CONFIG);
        Snapshot start = Snapshot.of(file, Fixtures.loaded(Fixtures.CONFIG).config());
        DashboardLog log = new DashboardLog(dir.resolve("dashboard.log"));
        AtomicInteger calls = new AtomicInteger();
        try (Pollers pollers = new Pollers(start, log, 1)) {
            pollers.add("hostile", Duration.ofMillis(10), current -> {
                int n = calls.incrementAndGet();
                if (n == 1) {
                    throw new StackOverflowError("nested too deep");
                }
                if (n == 2) {
                    throw new IllegalStateException("a bug");
                }
                return s -> s.withConfig(s.config(), "poll " + n);
            });
            pollers.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (pollers.latest().configError() == null && System.nanoTime() < deadline) {
                pollers.await(100);
            }
            assertNotNull(pollers.latest().configError(), "the poller ran again after it threw");
        }
        String logged = Files.readString(log.file());
        assertTrue(logged.contains("poller hostile") && logged.contains("StackOverflowError"), logged);
        assertTrue(logged.contains("IllegalStateException"), logged);
    }

    @Test
    void aConfigNestedThousandsDeepIsAConfigErrorForTheDashboardNotADeadPoller() throws Exception {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, Fixtures.CONFIG);
        Snapshot start = Snapshot.of(file, Fixtures.loaded(Fixtures.CONFIG).config());
        Pollers.Poll poll = Sources.config(file);
        Snapshot first = poll.poll(start).apply(start);
        Files.writeString(file, Fixtures.CONFIG + "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        Snapshot bad = poll.poll(first).apply(first);
        assertSame(first.config(), bad.config(), "the last good config stays");
        assertTrue(bad.configError().contains("nested more than"), bad.configError());
        Files.writeString(file, Fixtures.CONFIG.replace("port = 8783", "port = 8784"));
        Snapshot fixed = poll.poll(bad).apply(bad);
        assertTrue(fixed.configError() == null, fixed.configError());
    }
}
