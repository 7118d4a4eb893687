package dev.detour.tui.shell;

import dev.detour.team.TeamOverride;
import dev.detour.team.TeamRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What undoing a whole-team change publishes: each session's previous override for its time left, or a clear. */
class TeamActionsTest {
    @Test
    void eachSessionGetsBackTheOverrideItHadOrNone() {
        long now = 1_000_000;
        TeamRequest change = TeamRequest.reroute(List.of("main", "review", "docs"), "corp-proxy", Duration.ofHours(2), null);
        Map<String, TeamOverride> before = Map.of(
                "main", new TeamOverride("main", false, null, "openai", now + 600_000, "openai drill", "carol"),
                "docs", new TeamOverride("docs", false, "anthropic", null, now - 1, null, "dan"));
        assertEquals(List.of(
                new TeamRequest(List.of("main"), null, "openai", Duration.ofMinutes(10), "openai drill", false),
                TeamRequest.clear(List.of("review"), "undo"),
                TeamRequest.clear(List.of("docs"), "undo")), TeamActions.putBack(change, before, now));
    }
}
