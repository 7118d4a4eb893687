package dev.detour.tui.shell;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.team.Team;
import dev.detour.team.TeamReport;
import dev.detour.team.TeamStatus;
import dev.detour.tui.model.Snapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The dashboard's team poller: reads the team (summaries merged, overrides, refused messages) every
 * {@link #INTERVAL} on its own thread, never the UI's. The team connection is made again when the {@code [team]}
 * table changes; with Redis gone the report carries the last view, marked stale with its age.
 */
public final class TeamPoll implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final int TIMEOUT_MS = 1000;

    private final DetourPaths paths;
    private final Map<String, String> env;
    private final Clock clock;
    private Team team;
    private TeamStatus.Reader reader;

    public TeamPoll(DetourPaths paths, Map<String, String> env, Clock clock) {
        this.paths = paths;
        this.env = env;
        this.clock = clock;
    }

    /** One read of the team; the change to the snapshot (null: nothing to change). */
    public synchronized UnaryOperator<Snapshot> poll(Snapshot current) {
        Config config = current.config();
        if (config.team() == null) {
            close();
            return current.team() == null ? null : s -> s.withTeam(null, null);
        }
        Snapshot.Freshness fresh = new Snapshot.Freshness(clock.instant(), INTERVAL);
        if (team == null || !Objects.equals(team.settings(), config.team())) {
            close();
            try {
                team = Team.open(config.team(), config.settings(), env, TIMEOUT_MS);
                reader = new TeamStatus.Reader(team);
            } catch (IllegalArgumentException e) {
                TeamReport off = new TeamReport(config.team().name(), config.team().box(), null, false, e.getMessage(),
                        null, null, List.of(), List.of());
                return s -> s.withTeam(off, fresh);
            }
        }
        TeamReport report = reader.read(config, paths.stateDir(), clock.millis());
        return s -> s.withTeam(report, fresh);
    }

    @Override
    public synchronized void close() {
        if (team != null) {
            team.close();
            team = null;
            reader = null;
        }
    }
}
