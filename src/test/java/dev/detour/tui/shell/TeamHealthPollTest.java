package dev.detour.tui.shell;

import dev.detour.config.LoadedConfig;
import dev.detour.health.HealthState;
import dev.detour.team.TeamReport;
import dev.detour.team.TeamView;
import dev.detour.tui.Fixtures;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.UpstreamView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** In the dashboard, a box without traffic judges an upstream from the team's traffic, as status does. */
class TeamHealthPollTest {
    @Test
    void theTeamsTrafficFeedsTheDashboardsDiagnosisWhenThisBoxHasNone() throws Exception {
        LoadedConfig loaded = Fixtures.loaded(Fixtures.CONFIG);
        String url = loaded.config().upstreams().get("anthropic").baseUrl();
        long now = Fixtures.NOW.toEpochMilli();
        TeamView view = new TeamView(now, 3, List.of(new TeamView.Upstream("anthropic", url, 3, 3, "overloaded", 60, 45,
                Map.of("ok", 15, "overloaded", 45), now - 5000, 6, Map.of(), 0)), List.of());
        TeamReport team = new TeamReport("platform", "alice", "redis://r:6379/0", true, null, null, view, List.of(), List.of());
        Snapshot alone = Snapshot.of(loaded.file(), loaded.config());
        Snapshot withTeam = alone.withTeam(team, new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(2)));
        Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
        try (HealthPolls polls = new HealthPolls(() -> {
            throw new AssertionError("judging never probes");
        }, Duration.ofSeconds(15), null)) {
            UpstreamView local = polls.judge(clock).poll(alone).apply(alone).upstream("anthropic");
            UpstreamView learned = polls.judge(clock).poll(withTeam).apply(withTeam).upstream("anthropic");
            assertEquals(HealthState.UNKNOWN, local.state(), "no traffic, no probe: nothing known here");
            assertNotEquals(HealthState.UNKNOWN, learned.state(), "the team's 45 of 60 overloaded: " + learned);
            assertEquals(0.75, learned.errorRate(), 0.001);
        }
    }
}
