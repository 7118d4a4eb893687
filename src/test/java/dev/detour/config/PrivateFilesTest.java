package dev.detour.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state dir's folders and files (tokens, logs, events) are private to the user, and existing ones are left alone. */
class PrivateFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewFileIsEmptyAndPrivateInPrivateFoldersCreatedOnTheWay() throws Exception {
        Path file = dir.resolve("state/detour/events.jsonl");
        assertEquals(file, PrivateFiles.file(file));
        assertEquals(0, Files.size(file));
        assertEquals("rw-------", mode(file));
        assertEquals("rwx------", mode(file.getParent()));
        assertEquals("rwx------", mode(dir.resolve("state")));
    }

    @Test
    void anExistingFileAndFolderKeepTheirContentAndMode() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
        Path file = folder.resolve("dashboard.log");
        Files.writeString(file, "kept\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(file, PrivateFiles.file(file));
        assertEquals("kept\n", Files.readString(file));
        assertEquals("rw-r-----", mode(file));
        assertEquals(folder.resolve("sub"), PrivateFiles.dir(folder.resolve("sub")));
        assertEquals("rwxr-x---", mode(folder));
        assertEquals("rwx------", mode(folder.resolve("sub")));
    }
}
