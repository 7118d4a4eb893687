package dev.detour.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Creates the state dir's folders (0700) and files (0600) private to the user, whatever the umask: they hold bridge
 * tokens, logs and events. Every command that writes there goes through here. Existing ones are left as they are
 * ({@code doctor} reports them).
 */
public final class PrivateFiles {
    private static final FileAttribute<?> DIR = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> FILE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFiles() {
    }

    /** Creates {@code dir} and each missing folder above it with mode 0700. */
    public static Path dir(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                Files.createDirectory(p, DIR);
            } catch (FileAlreadyExistsException raced) {
                // another detour process made it meanwhile
            } catch (UnsupportedOperationException notPosix) {
                Files.createDirectories(p);
            }
        }
        return dir;
    }

    /** Creates {@code file} empty with mode 0600 (and its folders with 0700) when it does not exist yet. */
    public static Path file(Path file) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        dir(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, FILE);
        } catch (FileAlreadyExistsException raced) {
            // another detour process made it meanwhile
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return file;
    }
}
