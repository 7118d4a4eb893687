package dev.detour.supervise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesReadsAndDeletesOnlyItsOwnPid() throws Exception {
        PidFile file = new PidFile(dir.resolve("bridges/main.pid"));
        assertTrue(file.read().isEmpty());
        file.write(4242);
        assertEquals("4242\n", Files.readString(file.file()));
        assertEquals(4242, file.read().getAsLong());
        assertFalse(file.deleteIfPid(4243));
        assertTrue(Files.exists(file.file()));
        assertTrue(file.deleteIfPid(4242));
        assertTrue(file.read().isEmpty());
    }

    @Test
    void garbageReadsAsNoPid() throws Exception {
        Path path = dir.resolve("main.pid");
        Files.writeString(path, "not a pid\n");
        assertTrue(new PidFile(path).read().isEmpty());
    }
}
