package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A look for writers started ahead of a write protects it as the write's own would, and only for the file it saw. */
class ConfigWriterPrepareTest {
    @TempDir
    Path dir;

    @Test
    void aHolderSeenByTheEarlyLookMakesTheWriteRefuse() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        byte[] before = Files.readAllBytes(file);
        Process logger = new ProcessBuilder("bash", "-c", "exec 3>>\"$0\"; sleep 60", file.toString()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (OpenWriters.of(file, OpenWriters.Inode.of(file)).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            ConfigWriter.prepare(file);
            IOException e = assertThrows(IOException.class,
                    () -> ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy")));
            assertTrue(e.getMessage().startsWith("pid " + logger.pid() + " ("), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
        } finally {
            logger.destroyForcibly();
            logger.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFileReplacedAfterTheEarlyLookIsLookedAtAgain() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        ConfigWriter.prepare(file);
        Path copy = Files.copy(file, dir.resolve("copy.toml"));
        Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp-proxy"));
        assertTrue(Files.readString(file).contains("route = [\"corp-proxy\", \"anthropic\"]"), Files.readString(file));
    }
}
