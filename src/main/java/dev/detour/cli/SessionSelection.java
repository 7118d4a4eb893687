package dev.detour.cli;

import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;

import java.util.ArrayList;
import java.util.List;

/** The sessions a command names, checked against the config; all sessions when none is named. */
final class SessionSelection {
    private SessionSelection() {
    }

    static List<Session> select(LoadedConfig loaded, List<String> names) {
        if (names == null || names.isEmpty()) {
            if (loaded.config().sessions().isEmpty()) {
                throw CliFailure.usage(loaded.file() + ": no [sessions.NAME] table: nothing to do");
            }
            return List.copyOf(loaded.config().sessions().values());
        }
        List<Session> sessions = new ArrayList<>();
        for (String name : names) {
            sessions.add(loaded.config().session(name).orElseThrow(() -> CliFailure.usage("unknown session '" + name
                    + "' (sessions in " + loaded.file() + ": " + String.join(", ", loaded.config().sessions().keySet())
                    + ")")));
        }
        return sessions;
    }
}
