package dev.detour.team;

import dev.detour.config.Config;
import dev.detour.config.Failover;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a box does with a team override, by the names in its own config; and the --for durations. */
class OverrideRulesTest {
    private static final long NOW = 1_000_000;

    private static Config config(boolean team, String... upstreams) {
        Map<String, Upstream> u = new LinkedHashMap<>();
        for (String name : upstreams) {
            Family family = name.startsWith("openai") ? Family.OPENAI : Family.ANTHROPIC;
            u.put(name, new Upstream(name, family, "https://" + name + ".example", "env:K", null, null, Map.of()));
        }
        Session main = new Session("main", 8781, List.of(upstreams[0]), Failover.SAME_FAMILY, team);
        return new Config(Settings.DEFAULTS, u, Map.of("main", main));
    }

    private static TeamOverride to(String upstream) {
        return new TeamOverride("main", false, upstream, null, NOW + 60_000, "drill", "alice");
    }

    @Test
    void anOverrideToAKnownUpstreamIsAppliedAndOneToAnUnknownIsIgnoredWithTheReason() {
        assertEquals(new Decision("applied", "corp", null),
                OverrideRules.decide(to("corp"), config(true, "anthropic", "corp"), "main", NOW));
        assertEquals(new Decision("ignored", null, "this box has no upstream named \"corp\""),
                OverrideRules.decide(to("corp"), config(true, "anthropic"), "main", NOW));
    }

    @Test
    void nothingExpiredClearedOrOptedOut() {
        Config c = config(true, "anthropic", "corp");
        assertEquals(Decision.NONE, OverrideRules.decide(null, c, "main", NOW));
        assertEquals("expired", OverrideRules.decide(to("corp"), c, "main", NOW + 60_000).state());
        assertEquals("cleared", OverrideRules.decide(TeamOverride.clearing("main", "bob", null, NOW), c, "main", NOW).state());
        assertEquals(new Decision("ignored", null, "team = false for session main"),
                OverrideRules.decide(to("corp"), config(false, "anthropic", "corp"), "main", NOW));
        assertEquals(Decision.NONE, OverrideRules.decide(to("corp"), c, "review", NOW), "a session this box lacks");
    }

    @Test
    void aFamilyOverridePicksThisBoxsFirstUpstreamOfThatFamily() {
        TeamOverride family = new TeamOverride("main", false, null, "openai", NOW + 1000, null, "alice");
        assertEquals(new Decision("applied", "openai-compat", null),
                OverrideRules.decide(family, config(true, "anthropic", "openai-compat"), "main", NOW));
        assertEquals(new Decision("ignored", null, "this box has no upstream of family openai"),
                OverrideRules.decide(family, config(true, "anthropic"), "main", NOW));
    }

    @Test
    void durationsReadTheUsualShapesWithinADay() {
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofSeconds(45), Durations.parse("45s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("25h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("0m"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
        assertEquals("1h 59m", Durations.words(Duration.ofMinutes(119)));
        assertEquals("4m 10s", Durations.words(Duration.ofSeconds(250)));
    }
}
