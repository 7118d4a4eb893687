package dev.detour.tui.model;

import dev.detour.health.HealthState;
import java.time.Instant;
import java.util.List;

/**
 * An upstream's health as the health poller last judged it.
 *
 * @param latencyMs  the newest probe or time-to-first-byte latency, or null when unknown
 * @param errorRate  failed share of the recent requests through the bridges (0..1), or null without traffic
 * @param diagnosis  one line saying what is wrong, or null when nothing is
 * @param incident   the open status-page incident ("Elevated errors on Claude Opus · investigating 23m"), or null
 * @param ladder     the probe ladder, one line per rung, for the details view
 * @param checkedAt  when the state was last computed
 */
public record UpstreamView(String name, HealthState state, Long latencyMs, Double errorRate, String diagnosis,
                           String incident, List<String> ladder, Instant checkedAt) {
    public UpstreamView {
        ladder = List.copyOf(ladder);
    }

    public static UpstreamView unknown(String name) {
        return new UpstreamView(name, HealthState.UNKNOWN, null, null, null, null, List.of(), null);
    }
}
