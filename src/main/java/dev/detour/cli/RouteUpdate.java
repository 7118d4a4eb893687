package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.ConfigWriter;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.control.RouteControl;
import dev.detour.control.RouteResult;
import dev.detour.route.RouteException;
import dev.detour.route.RouteRequest;
import dev.detour.route.SessionChange;

import java.io.IOException;
import java.io.PrintWriter;

/** What {@code reroute} and {@code family} share: the one route-change operation, and one line per session it named. */
final class RouteUpdate {
    private RouteUpdate() {
    }

    static int run(ConfigOption configOption, RouteRequest request, PrintWriter out, PrintWriter err) throws ConfigException {
        ConfigWriter.prepare(configOption.resolve());
        configOption.load();
        RouteResult result;
        try {
            result = new RouteControl(configOption.resolve(), DetourPaths.system(), "cli").apply(request);
        } catch (RouteException e) {
            throw CliFailure.usage(e.getMessage());
        } catch (IOException e) {
            throw CliFailure.runtime(configOption.resolve() + ": " + e.getMessage());
        }
        for (String name : request.sessions()) {
            SessionChange change = result.changes().stream().filter(c -> c.session().equals(name)).findFirst().orElse(null);
            if (change == null) {
                Session now = result.after().session(name).orElseThrow();
                out.println(name + ": unchanged, on " + now.route().get(0) + " (" + result.after().familyOf(now).wireName() + ")");
            } else {
                out.println(change.summary(Glyphs.arrow()) + "  (route " + String.join(", ", change.routeAfter()) + ")");
            }
        }
        if (!result.notRunning().isEmpty()) {
            out.println("(no bridge running for " + String.join(", ", result.notRunning())
                    + ": it reads the new route when it starts)");
        }
        if (result.journalProblem() != null) {
            err.println("detour: warning: " + result.journalProblem());
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }
}
