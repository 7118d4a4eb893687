package dev.detour.cli;

import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;

import java.util.ArrayList;
import java.util.List;

/** The sessions a command names, checked against the config; all sessions when none is named. */
final class SessionSelection {
    private SessionSelection() {
    }

    /** The one session a command names, checked against the config. */
    static Session one(LoadedConfig loaded, String name) {
        return select(loaded, List.of(name)).get(0);
    }

    static List<Session> select(LoadedConfig loaded, List<String> names) {
        var configured = loaded.config().sessions();
        if (names == null || names.isEmpty()) {
            if (configured.isEmpty()) {
                throw CliFailure.usage(loaded.file() + ": no session is configured (add a [sessions.NAME] table)");
            }
            return List.copyOf(configured.values());
        }
        List<Session> sessions = new ArrayList<>();
        for (String name : names) {
            Session session = configured.get(name);
            if (session == null) {
                throw CliFailure.usage("unknown session \"" + name + "\"" + (configured.isEmpty()
                        ? " (none is configured)" : " (configured: " + String.join(", ", configured.keySet()) + ")"));
            }
            sessions.add(session);
        }
        return sessions;
    }
}
