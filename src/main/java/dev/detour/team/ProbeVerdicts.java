package dev.detour.team;

import dev.detour.health.HealthJournal;
import dev.detour.journal.Event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This box's latest probe verdict per upstream, as the box's prober (the dashboard or {@code up --watch}) journaled
 * it: the newest {@code health} event of each upstream. A bridge does not probe; it shares what its box concluded.
 * Pure.
 */
public final class ProbeVerdicts {
    /** How far back in the journal a bridge looks for verdicts. */
    public static final int LOOK_BACK = 500;

    /** One verdict: the health word ({@code healthy}, {@code degraded}, {@code down}) and when it was reached. */
    public record Verdict(String state, long atMs) {
    }

    private ProbeVerdicts() {
    }

    /** @param events journal lines, oldest first */
    public static Map<String, Verdict> latest(List<Event> events) {
        Map<String, Verdict> out = new HashMap<>();
        for (Event e : events) {
            if ("health".equals(e.kind()) && e.to() != null && e.reason() != null && e.time() != null) {
                out.put(HealthJournal.upstreamOf(e), new Verdict(e.to(), e.time().toEpochMilli()));
            }
        }
        return out;
    }
}
