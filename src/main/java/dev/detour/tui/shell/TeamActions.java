package dev.detour.tui.shell;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.control.RouteControl;
import dev.detour.control.TeamRouteResult;
import dev.detour.team.Team;
import dev.detour.team.TeamRequest;
import dev.detour.team.TeamUnavailable;
import dev.detour.tui.model.Outcome;

import java.nio.file.Path;
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

    public Outcome apply(TeamRequest request) {
        Config now = config.get();
        if (now.team() == null) {
            return Outcome.error("team mode is off: no [team] table in the config");
        }
        String by = System.getProperty("user.name", "unknown");
        try (Team team = Team.open(now.team(), now.settings(), env, TIMEOUT_MS)) {
            TeamRouteResult result = control.applyTeam(team, request, by, System.currentTimeMillis());
            if (result.journalProblem() != null) {
                log.info(result.journalProblem());
            }
            return Outcome.info(result.lines().size() == 1 ? result.lines().get(0)
                    : result.lines().get(0) + "; and " + (result.lines().size() - 1) + " more sessions");
        } catch (IllegalArgumentException | TeamUnavailable e) {
            return Outcome.error(e.getMessage() + "; nothing was published");
        }
    }
}
