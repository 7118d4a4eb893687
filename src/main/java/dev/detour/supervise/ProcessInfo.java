package dev.detour.supervise;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code /proc/PID} says about one process.
 *
 * @param argv the command line, one element per argument (empty for kernel threads)
 * @param env  the environment at exec time; empty when it could not be read
 * @param cwd  the working directory, or null when it could not be read
 */
public record ProcessInfo(long pid, long ppid, int uid, List<String> argv, Map<String, String> env, Path cwd,
                          Instant startTime) {
    public ProcessInfo {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    /** The command line joined with spaces, as {@code ps} shows it. */
    public String commandLine() {
        return String.join(" ", argv);
    }
}
