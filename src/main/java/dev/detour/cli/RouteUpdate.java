package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.config.ConfigChange;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigWriter;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.route.RouteException;
import dev.detour.wire.BridgeClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What {@code reroute} and {@code family} share: write the change into the config, then for each session whose
 * route changed tell its running bridge to reload, journal the event and print one line.
 */
final class RouteUpdate {
    /** One line for a changed session, and the journal event that records it. */
    interface Describer {
        String line(Config before, Config after, Session was, Session now);

        Event event(Config before, Config after, Session was, Session now);
    }

    private RouteUpdate() {
    }

    static int run(ConfigOption configOption, List<String> sessions, UnaryOperator<Config> change, Describer describer,
                   PrintWriter out, PrintWriter err) throws ConfigException {
        configOption.load();
        ConfigChange result;
        try {
            result = ConfigWriter.update(configOption.resolve(), change);
        } catch (RouteException e) {
            throw CliFailure.usage(e.getMessage());
        } catch (IOException e) {
            throw CliFailure.runtime(configOption.resolve() + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw CliFailure.runtime(e.getMessage());
        }
        DetourPaths paths = DetourPaths.system();
        for (String name : new java.util.LinkedHashSet<>(sessions)) {
            Session was = result.before().session(name).orElseThrow();
            Session now = result.after().session(name).orElseThrow();
            if (was.route().equals(now.route())) {
                out.println(name + ": unchanged, on " + now.route().get(0) + " (" + result.after().familyOf(now).wireName() + ")");
                continue;
            }
            out.println(describer.line(result.before(), result.after(), was, now));
            reloadBridge(paths, now);
            try {
                paths.ensureStateDir();
                new EventJournal(paths.eventsFile()).append(describer.event(result.before(), result.after(), was, now));
            } catch (IOException e) {
                err.println("detour: warning: could not record the event in " + paths.eventsFile() + ": " + e.getMessage());
            }
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    /**
     * Bridges also watch the config file; the explicit reload only makes the change take effect sooner. Without a
     * token file no bridge has run, and the HTTP client is not even loaded.
     */
    private static void reloadBridge(DetourPaths paths, Session session) {
        if (!java.nio.file.Files.exists(paths.tokenFile(session.name()))) {
            return;
        }
        try {
            BridgeClient.forSession(session.port(), paths.tokenFile(session.name())).reload();
        } catch (IOException noBridgeRunning) {
            // nothing to tell: a bridge started later reads the new config
        }
    }

    static String routeText(Session session) {
        return "(route " + String.join(", ", session.route()) + ")";
    }
}
