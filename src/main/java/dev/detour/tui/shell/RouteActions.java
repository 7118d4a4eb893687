package dev.detour.tui.shell;

import dev.detour.tui.model.Words;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Update;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.control.RouteControl;
import dev.detour.control.RouteResult;
import dev.detour.route.RouteException;
import dev.detour.route.RouteRequest;
import dev.detour.route.SessionChange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Route changes from the dashboard: the one route-change operation, its result said in the flash line. */
public final class RouteActions {
    private final Path configFile;
    private final RouteControl control;
    private final DashboardLog log;

    public RouteActions(Path configFile, DetourPaths paths, DashboardLog log) {
        this.configFile = configFile;
        this.control = new RouteControl(configFile, paths, "dashboard");
        this.log = log;
    }

    public Outcome apply(RouteRequest request) {
        RouteResult result;
        try {
            result = control.apply(request);
        } catch (RouteException | ConfigException e) {
            return Outcome.error(e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("writing " + configFile, e);
            return Outcome.error(configFile + ": " + e.getMessage());
        }
        if (result.journalProblem() != null) {
            log.info(result.journalProblem());
        }
        List<SessionChange> changes = result.changes();
        if (changes.isEmpty()) {
            return Outcome.info(Words.names(result.asked()) + ": unchanged");
        }
        String message = changes.size() <= 2
                ? String.join("; ", changes.stream().map(c -> c.summary("→")).toList())
                : changes.get(0).summary("→") + "; and " + (changes.size() - 1) + " more sessions";
        if (!result.notRunning().isEmpty()) {
            message += " (bridge " + Words.names(result.notRunning()) + " not running: it reads the new route when it starts)";
        }
        return Outcome.routesChanged(message, result.routesBefore());
    }
}
