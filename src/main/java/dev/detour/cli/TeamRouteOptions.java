package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.team.Durations;
import dev.detour.team.Team;
import dev.detour.config.DetourPaths;
import dev.detour.control.RouteControl;
import dev.detour.control.TeamRouteResult;
import dev.detour.team.TeamRequest;
import dev.detour.team.TeamUnavailable;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** {@code --team [--for D] [--reason TEXT] [--clear]} of {@code reroute} and {@code family}: an override for the whole team. */
final class TeamRouteOptions {
    @Option(names = "--team", description = "Reroute these sessions on every box of the team (through Redis; "
            + "no config file changes). Needs a [team] table.")
    boolean team;

    @Option(names = "--for", paramLabel = "DURATION", description = "With --team: how long the override lasts, "
            + "e.g. 30m, 2h (default 2h, at most 24h).")
    String length;

    @Option(names = "--reason", paramLabel = "TEXT", description = "With --team: why, shown on every box.")
    String reason;

    @Option(names = "--clear", description = "With --team: end the sessions' team override.")
    boolean clear;

    boolean clearing() {
        return clear;
    }

    /** Publishes the override (or its end) and prints one line per session; exits as the command should. */
    int publish(Config config, java.nio.file.Path configFile, List<String> sessions, String upstream, String family,
                PrintWriter out, PrintWriter err) {
        if (config.team() == null) {
            throw CliFailure.usage("--team needs a [team] table in the config (redis_url, secret; see the README)");
        }
        Duration duration;
        try {
            duration = length == null ? Durations.DEFAULT_OVERRIDE : Durations.parse(length);
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--for: " + e.getMessage());
        }
        if (upstream != null && config.upstream(upstream).isEmpty()) {
            err.println("detour: warning: this box has no upstream \"" + upstream
                    + "\"; boxes that have one will use it, the others ignore the override");
        }
        String by = System.getProperty("user.name", "unknown");
        TeamRequest request = clear ? TeamRequest.clear(sessions, reason)
                : new TeamRequest(sessions, upstream, family, duration, reason, false);
        try (Team t = open(config)) {
            TeamRouteResult result = new RouteControl(configFile, DetourPaths.system(), "cli")
                    .applyTeam(t, request, by, System.currentTimeMillis());
            result.lines().forEach(out::println);
            if (result.journalProblem() != null) {
                err.println("detour: warning: " + result.journalProblem());
            }
        } catch (TeamUnavailable e) {
            throw CliFailure.runtime(e.getMessage() + "; nothing was published");
        }
        out.flush();
        err.flush();
        return ExitCodes.OK;
    }

    /** Checks that the team options are used together sensibly. */
    void check() {
        if (!team && (clear || length != null || reason != null)) {
            throw CliFailure.usage("--for, --reason and --clear go with --team");
        }
        if (clear && length != null) {
            throw CliFailure.usage("--clear ends an override; --for does not apply");
        }
    }

    private static Team open(Config config) {
        try {
            return Team.open(config.team(), config.settings(), System.getenv(), 2000);
        } catch (IllegalArgumentException e) {
            throw CliFailure.runtime(e.getMessage());
        }
    }
}
