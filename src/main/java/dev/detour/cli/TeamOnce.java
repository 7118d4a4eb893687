package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.team.Team;
import dev.detour.team.TeamReport;
import dev.detour.team.TeamStatus;

import java.util.List;

/** The team part of {@code status}: read once, within the command's timeout; null when team mode is off. */
final class TeamOnce {
    private TeamOnce() {
    }

    static TeamReport read(Config config, double timeoutS) {
        if (config.team() == null) {
            return null;
        }
        int timeoutMs = (int) Math.max(100, Math.min(timeoutS * 1000, 5000));
        try (Team team = Team.open(config.team(), config.settings(), System.getenv(), timeoutMs)) {
            return TeamStatus.read(team, config, DetourPaths.system().stateDir(), System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            return new TeamReport(config.team().name(), config.team().box(), null, false, e.getMessage(), null, null,
                    List.of(), List.of());
        }
    }
}
