package dev.detour.team;

import dev.detour.config.Config;
import dev.detour.config.Failover;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import dev.detour.health.PassiveSignal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The team's traffic as this box's passive signal, only where this box has none of its own. */
class TeamPassiveTest {
    private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    private static final Config CONFIG = new Config(Settings.DEFAULTS, Map.of(
            "anthropic", new Upstream("anthropic", Family.ANTHROPIC, "https://api.anthropic.com", "passthrough", null, null, Map.of())),
            Map.of("main", new Session("main", 8781, List.of("anthropic"), Failover.SAME_FAMILY)));

    private static TeamView view(String url) {
        return new TeamView(NOW.toEpochMilli(), 3, List.of(new TeamView.Upstream("anthropic", url, 3, 2, "overloaded", 40, 20,
                Map.of("ok", 20, "overloaded", 20), NOW.minusSeconds(5).toEpochMilli(), 4, Map.of(), 0)), List.of());
    }

    @Test
    void withoutLocalTrafficTheTeamsBecomesTheSignal() {
        PassiveSignal signal = TeamPassive.enrich(Map.of(), view("https://api.anthropic.com"), CONFIG, NOW).get("anthropic");
        assertEquals(40, signal.requests());
        assertEquals(50, signal.errorPercent());
        assertEquals(4, signal.bridges());
        assertEquals("overloaded", signal.dominantFailure().word());
    }

    @Test
    void freshLocalTrafficWinsAndAnotherUrlIsAnotherUpstream() {
        PassiveSignal mine = new PassiveSignal("anthropic", 3, 0, Map.of("ok", 3), 100L, NOW.minusSeconds(1), 200, 1);
        assertSame(mine, TeamPassive.enrich(Map.of("anthropic", mine), view("https://api.anthropic.com"), CONFIG, NOW).get("anthropic"));
        assertEquals(Map.of(), TeamPassive.enrich(Map.of(), view("https://other.example"), CONFIG, NOW));
        assertEquals(Map.of(), TeamPassive.enrich(Map.of(), null, CONFIG, NOW));
    }
}
