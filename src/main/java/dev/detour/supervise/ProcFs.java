package dev.detour.supervise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Linux {@code /proc}. Every method tolerates processes that vanish or refuse to be read. */
public final class ProcFs {
    /** USER_HZ: the kernel reports process start times in these ticks; it is 100 on every Linux ABI. */
    private static final long TICKS_PER_SECOND = 100;

    private final Path root;
    private final long bootEpochSeconds;

    public ProcFs(Path root) {
        this.root = root;
        this.bootEpochSeconds = readBootTime(root);
    }

    public static ProcFs system() {
        return new ProcFs(Path.of("/proc"));
    }

    /** False where there is no Linux {@code /proc} (e.g. macOS): nothing can be discovered there. */
    public boolean available() {
        return Files.isDirectory(root.resolve("self"));
    }

    /** The uid this JVM runs as. */
    public int selfUid() {
        try {
            return (Integer) Files.getAttribute(root.resolve("self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read the uid of this process from " + root + "/self", e);
        }
    }

    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root, e);
        }
        return pids;
    }

    /** The command line of a process, or empty when it is gone or unreadable. */
    public Optional<List<String>> argv(long pid) {
        try {
            return Optional.of(splitNul(Files.readAllBytes(root.resolve(Long.toString(pid)).resolve("cmdline"))));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Everything about one process; empty when it is gone, or unreadable and {@code requireEnv}. */
    public Optional<ProcessInfo> read(long pid, boolean requireEnv) {
        Path dir = root.resolve(Long.toString(pid));
        try {
            int uid = (Integer) Files.getAttribute(dir, "unix:uid");
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            String[] afterComm = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ppid = Long.parseLong(afterComm[1]);
            long startTicks = Long.parseLong(afterComm[19]);
            Instant start = Instant.ofEpochMilli(bootEpochSeconds * 1000 + startTicks * 1000 / TICKS_PER_SECOND);
            List<String> argv = splitNul(Files.readAllBytes(dir.resolve("cmdline")));
            Map<String, String> env = Map.of();
            try {
                env = parseEnviron(Files.readAllBytes(dir.resolve("environ")));
            } catch (IOException unreadable) {
                if (requireEnv) {
                    return Optional.empty();
                }
            }
            Path cwd = null;
            try {
                cwd = Files.readSymbolicLink(dir.resolve("cwd"));
            } catch (IOException unreadable) {
                // another user's process or a zombie: the working directory stays unknown
            }
            return Optional.of(new ProcessInfo(pid, ppid, uid, argv, env, cwd, start));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    static List<String> splitNul(byte[] bytes) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            parts.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }

    static Map<String, String> parseEnviron(byte[] bytes) {
        Map<String, String> env = new HashMap<>();
        for (String entry : splitNul(bytes)) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static long readBootTime(Path root) {
        try {
            for (String line : Files.readAllLines(root.resolve("stat"), StandardCharsets.UTF_8)) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // without a boot time, start times are relative to the epoch: wrong but harmless
        }
        return 0;
    }
}
