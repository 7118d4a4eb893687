package dev.detour.supervise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void lastLinesSinceAnOffset() throws Exception {
        Path log = dir.resolve("b.log");
        Files.writeString(log, "old 1\nold 2\n");
        long offset = Files.size(log);
        Files.writeString(log, "new 1\n\nnew 2\nnew 3\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("new 2", "new 3"), LogTail.lastLines(log, 2));
        assertEquals(List.of("new 1", "new 2", "new 3"), LogTail.lastLines(log, 10, offset));
        assertEquals("new 3", LogTail.lastLine(log));
        assertEquals(List.of(), LogTail.lastLines(dir.resolve("missing.log"), 3));
    }
}
