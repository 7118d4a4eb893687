package dev.detour.team;

import dev.detour.journal.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A box's latest probe verdict per upstream comes from the newest health event of each upstream in its journal. */
class ProbeVerdictsTest {
    @Test
    void theNewestHealthEventOfEachUpstreamWinsAndOtherEventsAreIgnored() {
        List<Event> journal = List.of(
                new Event(Instant.ofEpochMilli(1000), "health", null, null, "down", "anthropic: 529 overloaded"),
                new Event(Instant.ofEpochMilli(2000), "reroute", "main", "anthropic", "corp-proxy", "cli"),
                new Event(Instant.ofEpochMilli(3000), "health", null, "healthy", "degraded", "corp-proxy: slow"),
                new Event(Instant.ofEpochMilli(4000), "health", null, "down", "healthy", "anthropic: answers"),
                new Event(Instant.ofEpochMilli(5000), "team_override", "main", null, "corp-proxy", "x: y"));
        assertEquals(Map.of("anthropic", new ProbeVerdicts.Verdict("healthy", 4000),
                "corp-proxy", new ProbeVerdicts.Verdict("degraded", 3000)), ProbeVerdicts.latest(journal));
    }
}
