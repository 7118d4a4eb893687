package dev.detour.tui.shell;

import dev.detour.config.DetourPaths;
import dev.detour.supervise.LogTail;
import dev.detour.supervise.Supervisor;
import dev.detour.tui.model.Outcome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A session's bridge log tail for the details view ({@code l}). */
public final class BridgeLogs {
    static final int LINES = 40;

    private final DetourPaths paths;
    private final Supervisor supervisor;

    public BridgeLogs(DetourPaths paths, Supervisor supervisor) {
        this.paths = paths;
        this.supervisor = supervisor;
    }

    /** The log's last lines; none when the session's bridge serves another config (the log is that one's). */
    public Outcome tail(String session) {
        java.util.Optional<String> clash = supervisor.servesAnotherConfig(session);
        if (clash.isPresent()) {
            return Outcome.log(session, List.of(clash.get()));
        }
        Path file = paths.logFile(session);
        if (!Files.exists(file)) {
            return Outcome.log(session, List.of("no log yet: " + file + " (the bridge has not run)"));
        }
        return Outcome.log(session, LogTail.lastLines(file, LINES));
    }
}
