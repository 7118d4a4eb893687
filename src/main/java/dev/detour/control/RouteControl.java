package dev.detour.control;

import dev.detour.wire.BridgeClient;
import dev.detour.config.Config;
import dev.detour.config.ConfigChange;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigWriter;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.route.RouteException;
import dev.detour.route.RouteRequest;
import dev.detour.route.SessionChange;
import dev.detour.team.Team;
import dev.detour.team.TeamOverride;
import dev.detour.team.TeamRequest;
import dev.detour.team.TeamRoutes;
import dev.detour.team.TeamUnavailable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one route-change operation, for the CLI, the dashboard and the team: write the change into the config
 * (only the route lines change), then for each session whose route changed tell its running bridge to reload and
 * journal the event; return what changed. A team change ({@link #applyTeam}) publishes an override instead of
 * writing the config, and is journaled the same way. Callers only format the result.
 */
public final class RouteControl {
    private final Path configFile;
    private final DetourPaths paths;
    private final String source;

    /** @param source who asks, as the journal records it: {@code cli}, {@code dashboard}, {@code team} */
    public RouteControl(Path configFile, DetourPaths paths, String source) {
        this.configFile = configFile;
        this.paths = paths;
        this.source = source;
    }

    /**
     * @throws RouteException  an unknown session or upstream, or no upstream of the wanted family (nothing written)
     * @throws ConfigException the config on disk, or the changed one, is invalid (nothing written)
     * @throws IOException     the config could not be read or written
     */
    public RouteResult apply(RouteRequest request) throws ConfigException, IOException {
        Announcer announcer = new Announcer(request);
        ConfigChange written;
        try {
            written = new ConfigWriter().apply(configFile, request::apply, announcer);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<SessionChange> changes = SessionChange.between(request.kind(), written.before(), written.after(),
                request.sessions());
        return new RouteResult(written.before(), written.after(), request.sessions(), changes, announcer.notRunning,
                announcer.journalProblem);
    }

    /**
     * Tells the running bridges of the changed sessions to reload and journals the changes, while the writer gives
     * concurrent editors time to show after its rename (so a short command does not wait for that twice). Journaled
     * once, as first written: when the change had to be applied again to a file rewritten meanwhile, the bridges
     * are told again.
     */
    private final class Announcer implements ConfigWriter.AfterReplace {
        private final RouteRequest request;
        private List<String> notRunning = List.of();
        private String journalProblem;
        private boolean journaled;

        Announcer(RouteRequest request) {
            this.request = request;
        }

        @Override
        public void run(Config before, Config written) {
            List<SessionChange> changes = SessionChange.between(request.kind(), before, written, request.sessions());
            List<String> stopped = new ArrayList<>();
            for (SessionChange change : changes) {
                if (!reload(written.session(change.session()).orElseThrow())) {
                    stopped.add(change.session());
                }
            }
            notRunning = stopped;
            if (!journaled) {
                journaled = true;
                for (SessionChange change : changes) {
                    journal(change);
                }
            }
        }

        private void journal(SessionChange change) {
            try {
                paths.ensureStateDir();
                new EventJournal(paths.eventsFile()).append(Event.now(change.kind(), change.session(),
                        change.journalFrom(), change.journalTo(), change.journalReason(source)));
            } catch (IOException e) {
                journalProblem = "could not record the event in " + paths.eventsFile() + ": " + e.getMessage();
            }
        }
    }

    /**
     * A route change for the whole team: publishes the override (or its end) that every box's bridges apply within
     * seconds, without writing any config file, and journals it on this box like a local change (who, from which
     * box, why, until when), with the override it replaced so that it can be undone.
     *
     * @throws TeamUnavailable Redis cannot be reached (nothing was published)
     */
    public TeamRouteResult applyTeam(Team team, TeamRequest request, String by, long nowMs) throws TeamUnavailable {
        Map<String, TeamOverride> before = TeamRoutes.current(team, request.sessions(), nowMs);
        List<String> lines = TeamRoutes.apply(team, request, by, nowMs);
        String journalProblem = null;
        String until = request.clear() ? "" : " until " + Instant.ofEpochMilli(nowMs + request.length().toMillis());
        for (String session : request.sessions()) {
            TeamOverride was = before.get(session);
            String reason = "team " + team.settings().name() + ", by " + by + " from box " + team.settings().box() + until
                    + (request.reason() == null ? "" : ": " + request.reason()) + " (" + source + ")";
            try {
                paths.ensureStateDir();
                new EventJournal(paths.eventsFile()).append(Event.now(request.kind(), session,
                        was == null ? null : was.target(), request.clear() ? null : request.target(), reason));
            } catch (IOException e) {
                journalProblem = "could not record the event in " + paths.eventsFile() + ": " + e.getMessage();
            }
        }
        return new TeamRouteResult(request, lines, before, journalProblem);
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
}
