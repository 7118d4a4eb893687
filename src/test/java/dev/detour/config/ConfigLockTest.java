package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers in one process (the dashboard's threads, the control API) take turns: one waits while another writes, the
 * next one gets the lock at once when the last has finished, and a long-running process does not leak a descriptor
 * per change.
 */
class ConfigLockTest {
    @TempDir
    Path dir;

    private Path shipped() throws Exception {
        return TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
    }

    @Test
    void aWriterOnAnotherThreadWaitsForTheOneWritingAndBothChangesLand() throws Exception {
        Path file = shipped();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConfigWriter slow = new ConfigWriter(target -> {
            writing.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<ConfigChange> first = CompletableFuture.supplyAsync(() -> {
            try {
                return slow.apply(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        CompletableFuture<ConfigChange> second = CompletableFuture.supplyAsync(() -> {
            try {
                return ConfigWriter.update(file, c -> RouteChanges.reroute(c, "review", "openai"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(second.isDone(), "the second writer waits for the first");
        release.countDown();
        first.get(20, TimeUnit.SECONDS);
        ConfigChange last = second.get(20, TimeUnit.SECONDS);
        assertEquals(List.of("corp-proxy", "anthropic"), last.after().session("main").orElseThrow().route());
        assertEquals("openai", last.after().session("review").orElseThrow().route().get(0));
        Config onDisk = ConfigLoader.load(file).config();
        assertEquals(last.after(), onDisk);
    }

    @Test
    void theNextWriterOnAnotherThreadGetsTheLockAtOnce() throws Exception {
        Path file = shipped();
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        long start = System.nanoTime();
        CompletableFuture.runAsync(() -> {
            try {
                ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "anthropic"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(ConfigLock.WAIT_MS / 2, TimeUnit.MILLISECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(ConfigLock.WAIT_MS / 2));
        assertEquals("anthropic", ConfigLoader.load(file).config().session("main").orElseThrow().route().get(0));
    }

    @Test
    void manyChangesLeaveNoDescriptorOpen() throws Exception {
        Path file = shipped();
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc");
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        long before;
        try (var list = Files.list(fds)) {
            before = list.count();
        }
        for (int i = 0; i < 20; i++) {
            String to = i % 2 == 0 ? "anthropic" : "corp-proxy";
            ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", to));
        }
        long after;
        try (var list = Files.list(fds)) {
            after = list.count();
        }
        assertTrue(after < before + 10, "descriptors open before " + before + ", after 20 changes " + after);
    }
}
