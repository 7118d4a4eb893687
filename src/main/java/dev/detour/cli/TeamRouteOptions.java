package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.team.Durations;
import dev.detour.team.Team;
import dev.detour.team.TeamRoutes;
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
    int publish(Config config, List<String> sessions, String upstream, String family, PrintWriter out, PrintWriter err) {
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
        try (Team t = open(config)) {
            List<String> lines = clear
                    ? TeamRoutes.clear(t, sessions, reason, by, System.currentTimeMillis())
                    : TeamRoutes.publish(t, sessions, upstream, family, duration, reason, by, System.currentTimeMillis());
            lines.forEach(out::println);
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
            return Team.open(config.team(), System.getenv(), 2000);
        } catch (IllegalArgumentException e) {
            throw CliFailure.runtime(e.getMessage());
        }
    }
}
