package dev.detour.tui.model;

import dev.detour.config.Session;
import dev.detour.health.HealthState;
import dev.detour.journal.Event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Advice follows recovery: when an upstream that sessions were rerouted away from has been healthy for a while
 * (by the journal's health events), say so and offer the move back. Pure.
 */
public final class Recovery {
    static final Duration HEALTHY_FOR = Duration.ofMinutes(3);

    private Recovery() {
    }

    public static List<AdviceView> advice(Snapshot snapshot, Instant now) {
        List<Event> events = snapshot.events();
        List<AdviceView> out = new ArrayList<>();
        for (String upstream : snapshot.config().upstreams().keySet()) {
            if (snapshot.upstream(upstream).state() != HealthState.HEALTHY) {
                continue;
            }
            Instant healthySince = null;
            Instant downAt = null;
            for (Event e : events) {
                if ("health".equals(e.kind()) && e.reason() != null && e.reason().startsWith(upstream + ": ") && e.time() != null) {
                    if (HealthState.HEALTHY.word().equals(e.to())) {
                        healthySince = e.time();
                    } else {
                        downAt = e.time();
                        healthySince = null;
                    }
                }
            }
            if (downAt == null || healthySince == null || Duration.between(healthySince, now).compareTo(HEALTHY_FOR) < 0) {
                continue;
            }
            Map<String, Event> lastMove = new LinkedHashMap<>();
            for (Event e : events) {
                if ("reroute".equals(e.kind()) && e.session() != null) {
                    lastMove.put(e.session(), e);
                }
            }
            List<String> back = new ArrayList<>();
            for (Session s : snapshot.sessions()) {
                Event moved = lastMove.get(s.name());
                if (moved != null && upstream.equals(moved.from()) && !s.route().isEmpty() && !s.route().get(0).equals(upstream)) {
                    back.add(s.name());
                }
            }
            if (!back.isEmpty()) {
                long minutes = Duration.between(healthySince, now).toMinutes();
                out.add(new AdviceView(upstream, upstream + " has been healthy for " + minutes + " min: "
                        + Words.names(back) + (back.size() == 1 ? " was" : " were") + " moved away from it; move "
                        + (back.size() == 1 ? "it" : "them") + " back with a",
                        "detour reroute " + String.join(" ", back) + " --to " + upstream, Map.of(upstream, back)));
            }
        }
        return out;
    }
}
