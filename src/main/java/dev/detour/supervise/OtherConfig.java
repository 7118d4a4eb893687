package dev.detour.supervise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Whether a running bridge serves another config file than the one a command was given. */
final class OtherConfig {
    private OtherConfig() {
    }

    /**
     * Why the live bridge {@code pid} must not be touched from this config: it serves another config file that
     * defines a session of the same name (the pid, token and log files are keyed by session name). Empty when it
     * serves this config, or when its config cannot be told.
     */
    static Optional<String> of(ProcFs proc, long pid, Path configFile) {
        Optional<ProcessInfo> info = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                ? proc.read(pid, false) : Optional.empty();
        String named = info.map(i -> BridgeIdentity.configOf(i.argv())).orElse(null);
        if (named == null || !BridgeIdentity.isDetour(info.get().argv())) {
            return Optional.empty();
        }
        Path theirs = Path.of(named);
        if (!theirs.isAbsolute()) {
            if (info.get().cwd() == null) {
                return Optional.empty();
            }
            theirs = info.get().cwd().resolve(theirs);
        }
        if (canonical(theirs).equals(canonical(configFile))) {
            return Optional.empty();
        }
        return Optional.of("the running bridge (pid " + pid + ") serves another config, " + theirs + ", not "
                + configFile.toAbsolutePath() + "; both define a session of this name, whose pid, token and log files "
                + "are shared, so nothing was changed: use --config " + theirs + ", or rename the session in one of them");
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException gone) {
            return file.toAbsolutePath().normalize();
        }
    }
}
