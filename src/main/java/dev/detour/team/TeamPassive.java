package dev.detour.team;

import dev.detour.config.Config;
import dev.detour.config.Upstream;
import dev.detour.health.HealthJudge;
import dev.detour.health.PassiveSignal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets a box with little traffic learn from its team: for an upstream this box has no fresh traffic on, the team's
 * traffic on the same upstream (same name and base URL) becomes the passive signal that diagnosis and advice use.
 * A box's own fresh traffic always wins: the local view stays exact. Pure.
 */
public final class TeamPassive {
    private TeamPassive() {
    }

    public static Map<String, PassiveSignal> enrich(Map<String, PassiveSignal> local, TeamView view, Config config,
                                                    Instant now) {
        if (view == null) {
            return local;
        }
        Map<String, PassiveSignal> out = new LinkedHashMap<>(local);
        for (TeamView.Upstream team : view.upstreams()) {
            Upstream mine = config.upstreams().get(team.name());
            if (mine == null || !java.util.Objects.equals(mine.baseUrl(), team.url()) || team.requests() == 0) {
                continue;
            }
            PassiveSignal own = local.get(team.name());
            if (own != null && own.fresh(now, HealthJudge.FRESH)) {
                continue;
            }
            out.put(team.name(), new PassiveSignal(team.name(), team.requests(), team.failures(), team.classes(), null,
                    team.newest() == 0 ? null : Instant.ofEpochMilli(team.newest()), null, team.bridges()));
        }
        return out;
    }
}
