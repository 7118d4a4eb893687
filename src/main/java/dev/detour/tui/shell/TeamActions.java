package dev.detour.tui.shell;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.control.RouteControl;
import dev.detour.control.TeamRouteResult;
import dev.detour.team.Team;
import dev.detour.team.TeamOverride;
import dev.detour.team.TeamRequest;
import dev.detour.team.TeamUnavailable;
import dev.detour.tui.model.Outcome;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Whole-team route changes from the dashboard: the same operation as {@code detour reroute --team}. */
public final class TeamActions {
    private static final int TIMEOUT_MS = 2000;
    private final RouteControl control;
    private final Supplier<Config> config;
    private final Map<String, String> env;
    private final DashboardLog log;

    public TeamActions(Path configFile, DetourPaths paths, Supplier<Config> config, Map<String, String> env,
                       DashboardLog log) {
        this.control = new RouteControl(configFile, paths, "dashboard");
        this.config = config;
        this.env = env;
        this.log = log;
    }

    /** @param undoing the description of the change these requests undo, or null */
    public Outcome apply(List<TeamRequest> requests, String undoing) {
        Config now = config.get();
        if (now.team() == null) {
            return Outcome.error("team mode is off: no [team] table in the config");
        }
        String by = System.getProperty("user.name", "unknown");
        List<String> lines = new ArrayList<>();
        List<TeamRequest> undo = new ArrayList<>();
        try (Team team = Team.open(now.team(), now.settings(), env, TIMEOUT_MS)) {
            for (TeamRequest request : requests) {
                long at = System.currentTimeMillis();
                TeamRouteResult result = control.applyTeam(team, request, by, at);
                if (result.journalProblem() != null) {
                    log.info(result.journalProblem());
                }
                lines.addAll(result.lines());
                undo.addAll(putBack(request, result.before(), at));
            }
        } catch (IllegalArgumentException | TeamUnavailable e) {
            return Outcome.error(e.getMessage() + (lines.isEmpty() ? "; nothing was published" : ""));
        }
        if (undoing != null) {
            return Outcome.info("undone: " + undoing);
        }
        String message = lines.size() == 1 ? lines.get(0) : lines.get(0) + "; and " + (lines.size() - 1) + " more sessions";
        return Outcome.teamChanged(message, undo);
    }

    /** The requests that put each session's override back as it was before: the one it had, for its time left, or none. */
    static List<TeamRequest> putBack(TeamRequest request, Map<String, TeamOverride> before, long nowMs) {
        List<TeamRequest> out = new ArrayList<>();
        for (String session : request.sessions()) {
            TeamOverride was = before.get(session);
            if (was == null || was.until() <= nowMs) {
                out.add(TeamRequest.clear(List.of(session), "undo"));
            } else {
                out.add(new TeamRequest(List.of(session), was.upstream(), was.family(),
                        Duration.ofMillis(was.until() - nowMs), was.reason(), false));
            }
        }
        return out;
    }
}
