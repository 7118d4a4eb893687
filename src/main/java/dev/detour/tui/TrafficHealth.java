package dev.detour.tui;

import dev.detour.bridge.BridgeStats;
import dev.detour.bridge.BridgeStats.RequestRecord;
import dev.detour.health.FailureClass;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream health judged from the bridges' own traffic only: every attempt on an upstream in the last two minutes
 * (from each request's {@code attempts}) and the breakers' states. Used until the probe-based health lands.
 */
public final class TrafficHealth {
    static final Duration WINDOW = Duration.ofMinutes(2);

    private TrafficHealth() {
    }

    public static Map<String, UpstreamView> judge(Snapshot snap, Instant now) {
        Map<String, UpstreamView> views = new LinkedHashMap<>();
        for (String name : snap.config().upstreams().keySet()) {
            views.put(name, judge(snap, name, now));
        }
        return views;
    }

    static UpstreamView judge(Snapshot snap, String upstream, Instant now) {
        int attempts = 0;
        int failures = 0;
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> openIn = new ArrayList<>();
        Long ttfb = null;
        Instant since = now.minus(WINDOW);
        for (BridgeView bridge : snap.bridges().values()) {
            BridgeStats stats = bridge.stats();
            if (stats == null) {
                continue;
            }
            BridgeStats.UpstreamStats u = stats.upstreams() == null ? null : stats.upstreams().get(upstream);
            if (u != null && "open".equals(u.breaker())) {
                openIn.add(stats.session());
            }
            if (u != null && u.ttfbMsP50() != null) {
                ttfb = ttfb == null ? u.ttfbMsP50() : Math.max(ttfb, u.ttfbMsP50());
            }
            for (RequestRecord r : stats.requests() == null ? List.<RequestRecord>of() : stats.requests()) {
                if (r.time() == null || r.time().isBefore(since) || r.attempts() == null) {
                    continue;
                }
                for (String attempt : r.attempts()) {
                    int colon = attempt.lastIndexOf(':');
                    if (colon < 0 || !attempt.substring(0, colon).equals(upstream)) {
                        continue;
                    }
                    attempts++;
                    String outcome = attempt.substring(colon + 1);
                    int status = outcome.chars().allMatch(Character::isDigit) && !outcome.isEmpty() ? Integer.parseInt(outcome) : 0;
                    if (status == 0 || FailureClass.ofStatus(status) != FailureClass.OK && FailureClass.ofStatus(status) != FailureClass.CLIENT_ERROR) {
                        failures++;
                        statuses.merge(status, 1, Integer::sum);
                    }
                }
            }
        }
        if (attempts == 0 && openIn.isEmpty()) {
            return new UpstreamView(upstream, UpstreamState.UNKNOWN, ttfb, null, null, null, List.of(), now);
        }
        double share = attempts == 0 ? 1.0 : (double) failures / attempts;
        UpstreamState state = !openIn.isEmpty() || (attempts >= 3 && share >= 0.5) ? UpstreamState.DOWN
                : failures > 0 ? UpstreamState.DEGRADED : UpstreamState.HEALTHY;
        String diagnosis = null;
        if (failures > 0 || !openIn.isEmpty()) {
            int worst = statuses.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
            String word = worst == 0 ? "unreachable" : FailureClass.ofStatus(worst).word();
            diagnosis = word + " (" + (worst == 0 ? "no answer" : String.valueOf(worst)) + " on " + failures + " of "
                    + attempts + " attempts in 2 min)" + (openIn.isEmpty() ? "" : "; breaker open in " + Update.names(openIn));
        }
        return new UpstreamView(upstream, state, ttfb, attempts == 0 ? null : share, diagnosis, null, List.of(), now);
    }
}
