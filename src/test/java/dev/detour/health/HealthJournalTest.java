package dev.detour.health;

import dev.detour.wire.FailureClass;

import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Health transitions journaled once each, with the reason, across restarts and side-by-side processes. */
class HealthJournalTest {
    @TempDir
    Path dir;

    static HealthSnapshot snapshot(HealthState anthropic, HealthState proxy) {
        return new HealthSnapshot(Instant.parse("2026-11-30T06:00:00Z"), List.of(
                health("anthropic", anthropic, anthropic == HealthState.DOWN ? FailureClass.OVERLOADED : FailureClass.OK),
                health("corp-proxy", proxy, FailureClass.OK)), List.of(), EdgeVerdict.NONE, List.of());
    }

    static UpstreamHealth health(String name, HealthState state, FailureClass c) {
        return new UpstreamHealth(name, "anthropic", state, c, state == HealthState.DOWN ? "529 on 5 of 5 requests" : null,
                UpstreamHealth.TRAFFIC, 120L, null, null, null, null, null, null);
    }

    @Test
    void oneEventPerTransitionWithItsReasonAndNoneForUnknown() throws Exception {
        EventJournal file = new EventJournal(dir.resolve("events.jsonl"));
        HealthJournal journal = new HealthJournal(file);
        assertEquals(List.of(), journal.record(snapshot(HealthState.HEALTHY, HealthState.HEALTHY)), "a healthy start is no news");
        assertEquals(List.of(), journal.record(snapshot(HealthState.HEALTHY, HealthState.HEALTHY)));
        List<Event> down = journal.record(snapshot(HealthState.DOWN, HealthState.HEALTHY));
        assertEquals(1, down.size());
        assertEquals(List.of("health", "healthy", "down", "anthropic: overloaded (529 on 5 of 5 requests)"),
                List.of(down.get(0).kind(), down.get(0).from(), down.get(0).to(), down.get(0).reason()));
        assertEquals(List.of(), journal.record(snapshot(HealthState.DOWN, HealthState.UNKNOWN)), "unknown teaches nothing");
        assertEquals(1, journal.record(snapshot(HealthState.HEALTHY, HealthState.HEALTHY)).size());
        assertEquals(2, file.newest(10).size());
        assertEquals("anthropic", HealthJournal.upstreamOf(file.newest(1).get(0)));
    }

    @Test
    void aSecondWatcherOrARestartDoesNotRecordTheSameTransitionAgain() throws Exception {
        EventJournal file = new EventJournal(dir.resolve("events.jsonl"));
        HealthJournal dashboard = new HealthJournal(file);
        HealthJournal watch = new HealthJournal(file);
        dashboard.record(snapshot(HealthState.HEALTHY, HealthState.HEALTHY));
        watch.record(snapshot(HealthState.HEALTHY, HealthState.HEALTHY));
        dashboard.record(snapshot(HealthState.DOWN, HealthState.HEALTHY));
        assertEquals(List.of(), watch.record(snapshot(HealthState.DOWN, HealthState.HEALTHY)));

        HealthJournal restarted = new HealthJournal(file);
        assertEquals(List.of(), restarted.record(snapshot(HealthState.DOWN, HealthState.HEALTHY)), "already recorded");
        List<Event> recovered = new HealthJournal(file).record(snapshot(HealthState.HEALTHY, HealthState.HEALTHY));
        assertEquals(1, recovered.size());
        assertEquals("down", recovered.get(0).from(), "the state before is the journal's");
        assertEquals(2, file.newest(10).size());
    }
}
