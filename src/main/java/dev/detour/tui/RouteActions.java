package dev.detour.tui;

import dev.detour.config.Config;
import dev.detour.config.ConfigChange;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigWriter;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.route.RouteChanges;
import dev.detour.route.RouteException;
import dev.detour.wire.BridgeClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Route changes from the dashboard, made the way the CLI makes them: the pure change from {@code RouteChanges},
 * written by {@code ConfigWriter} (only the route lines change), then each changed session's running bridge is told
 * to reload and the change is journalled.
 */
public final class RouteActions {
    private final Path configFile;
    private final DetourPaths paths;
    private final DashboardLog log;

    public RouteActions(Path configFile, DetourPaths paths, DashboardLog log) {
        this.configFile = configFile;
        this.paths = paths;
        this.log = log;
    }

    public Outcome reroute(List<String> sessions, String upstream) {
        return change(sessions, config -> RouteChanges.eachSession(config, sessions,
                (next, s) -> RouteChanges.reroute(next, s, upstream)), "reroute");
    }

    public Outcome flipFamily(List<String> sessions) {
        return change(sessions, config -> RouteChanges.eachSession(config, sessions, RouteChanges::flipFamily), "family");
    }

    /** Undo: puts each session's route back as it was (sessions since removed from the config are skipped). */
    public Outcome restore(Map<String, List<String>> routes) {
        List<String> sessions = new ArrayList<>(routes.keySet());
        return change(sessions, config -> {
            Config next = config;
            for (Map.Entry<String, List<String>> e : routes.entrySet()) {
                Session s = next.session(e.getKey()).orElse(null);
                if (s != null && e.getValue().stream().allMatch(config.upstreams()::containsKey)) {
                    next = next.withSession(s.withRoute(e.getValue()));
                }
            }
            return next;
        }, "reroute");
    }

    private Outcome change(List<String> sessions, UnaryOperator<Config> change, String kind) {
        ConfigChange result;
        try {
            result = ConfigWriter.update(configFile, change);
        } catch (RouteException | ConfigException e) {
            return Outcome.error(e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("writing " + configFile, e);
            return Outcome.error(configFile + ": " + e.getMessage());
        }
        Map<String, List<String>> before = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        List<String> reloadFailures = new ArrayList<>();
        for (String name : sessions) {
            Session was = result.before().session(name).orElse(null);
            Session now = result.after().session(name).orElse(null);
            if (was == null || now == null || was.route().equals(now.route())) {
                continue;
            }
            before.put(name, was.route());
            String from = was.route().isEmpty() ? "(none)" : was.route().get(0);
            String to = now.route().get(0);
            lines.add(name + ": " + (kind.equals("family")
                    ? "family " + result.before().familyOf(was).wireName() + " → " + result.after().familyOf(now).wireName() + " (" + to + ")"
                    : "route " + from + " → " + to));
            if (!reload(now)) {
                reloadFailures.add(name);
            }
            journal(Event.now(kind, name, from, to, "dashboard"));
        }
        if (before.isEmpty()) {
            return Outcome.info(Update.names(sessions) + ": unchanged");
        }
        String message = lines.size() <= 2 ? String.join("; ", lines)
                : lines.get(0) + "; and " + (lines.size() - 1) + " more sessions";
        if (!reloadFailures.isEmpty()) {
            message += " (bridge " + Update.names(reloadFailures) + " not running: it reads the new route when it starts)";
        }
        return Outcome.routesChanged(message, before);
    }

    /** Bridges also watch the config file; the explicit reload only makes the change take effect sooner. */
    private boolean reload(Session session) {
        Path token = paths.tokenFile(session.name());
        if (!Files.exists(token)) {
            return false;
        }
        try {
            BridgeClient.forSession(session.port(), token).reload();
            return true;
        } catch (IOException notRunning) {
            return false;
        }
    }

    private void journal(Event event) {
        try {
            Files.createDirectories(paths.eventsFile().getParent());
            new EventJournal(paths.eventsFile()).append(event);
        } catch (IOException e) {
            log.error("recording an event in " + paths.eventsFile(), e);
        }
    }
}
