package dev.detour.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The other processes that hold one file open for writing, found in Linux {@code /proc} (only the processes this
 * user may inspect). A writer that holds the config open when detour replaces it keeps writing into the replaced
 * file, so those lines would never reach the config. Where there is no {@code /proc}, nobody is found.
 */
final class OpenWriters {
    private static final Path PROC = Path.of("/proc");
    private static final String DELETED = " (deleted)";
    private static final int ACCESS_MODE = 3;

    /** One open descriptor: {@code command} is the process's name, for messages. */
    record Writer(long pid, String command) {
        @Override
        public String toString() {
            return "pid " + pid + " (" + command + ")";
        }
    }

    /**
     * Identity of a file's content on disk (device and inode), which outlives a rename over its path. Its equals is
     * written out: a record's generated one is linked at its first call, which costs a short command several ms.
     */
    record Inode(Object key) {
        static Inode of(Path file) throws IOException {
            return new Inode(Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Inode inode && java.util.Objects.equals(key, inode.key);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(key);
        }
    }

    private OpenWriters() {
    }

    /** Whether this system shows open files ({@code /proc}); where it does not, {@link #of} finds nobody. */
    static boolean visible() {
        return Files.isDirectory(PROC.resolve("self/fd"));
    }

    /**
     * The processes other than this one with a descriptor open for writing on {@code inode}, which was last seen at
     * {@code path} (it may since have been replaced: its descriptors then show the path marked deleted).
     */
    static List<Writer> of(Path path, Inode inode) {
        return of(path, inode, false);
    }

    /** {@link #of(Path, Inode)}, this process included when {@code thisProcessToo}. */
    static List<Writer> of(Path path, Inode inode, boolean thisProcessToo) {
        List<Writer> writers = new ArrayList<>();
        if (!visible()) {
            return writers;
        }
        Path name = path.toAbsolutePath();
        Path deleted = Path.of(name + DELETED);
        long self = thisProcessToo ? -1 : ProcessHandle.current().pid();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != self && writes(process, name, deleted, inode)) {
                    writers.add(new Writer(pid, command(process)));
                }
            }
        } catch (IOException e) {
            return writers;
        }
        return writers;
    }

    private static boolean writes(Path process, Path name, Path deleted, Inode inode) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                if (names(fd, name, deleted) && inode.equals(inodeOf(fd)) && openForWriting(process, fd)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // another user's process, or one that exited while it was read
        }
        return false;
    }

    /** Compared as paths, not strings: a scan reads every descriptor of every process, and decoding each is a third of it. */
    private static boolean names(Path fd, Path name, Path deleted) {
        try {
            Path target = Files.readSymbolicLink(fd);
            return target.equals(name) || target.equals(deleted);
        } catch (IOException | UnsupportedOperationException closed) {
            return false;
        }
    }

    private static Inode inodeOf(Path fd) {
        try {
            return Inode.of(fd);
        } catch (IOException closed) {
            return null;
        }
    }

    /** The {@code flags:} line of {@code fdinfo} is octal; its two low bits are the access mode (0 = read only). */
    private static boolean openForWriting(Path process, Path fd) throws IOException {
        for (String line : Files.readAllLines(process.resolve("fdinfo").resolve(fd.getFileName()), StandardCharsets.UTF_8)) {
            if (line.startsWith("flags:")) {
                return (Long.parseLong(line.substring("flags:".length()).trim(), 8) & ACCESS_MODE) != 0;
            }
        }
        return false;
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm"), StandardCharsets.UTF_8).trim();
        } catch (IOException gone) {
            return "?";
        }
    }

    /** A loop, not a stream: it runs for every entry of {@code /proc}, on a fresh JVM, in a short command. */
    private static boolean isNumber(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return !name.isEmpty();
    }
}
