package dev.detour.health;

import dev.detour.wire.BridgeStats;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums the bridges' per-upstream traffic stats into one {@link PassiveSignal} per upstream. Pure. */
public final class PassiveSignals {
    private PassiveSignals() {
    }

    public static Map<String, PassiveSignal> from(List<BridgeStats> bridges) {
        Map<String, PassiveSignal> out = new LinkedHashMap<>();
        for (BridgeStats b : bridges) {
            if (b == null || b.upstreams() == null) {
                continue;
            }
            for (Map.Entry<String, BridgeStats.UpstreamStats> e : b.upstreams().entrySet()) {
                BridgeStats.UpstreamStats u = e.getValue();
                if (u == null || u.requests() == 0) {
                    continue;
                }
                out.merge(e.getKey(), of(e.getKey(), u), PassiveSignals::combine);
            }
        }
        return out;
    }

    private static PassiveSignal of(String name, BridgeStats.UpstreamStats u) {
        return new PassiveSignal(name, u.requests(), u.failures(), u.classes() == null ? Map.of() : u.classes(),
                u.ttfbMsP50(), u.lastAt(), u.lastStatus(), 1);
    }

    private static PassiveSignal combine(PassiveSignal a, PassiveSignal b) {
        Map<String, Integer> classes = new LinkedHashMap<>(a.classes());
        b.classes().forEach((k, v) -> classes.merge(k, v, Integer::sum));
        boolean bNewer = a.newest() == null || (b.newest() != null && b.newest().isAfter(a.newest()));
        Long ttfb = a.ttfbMsP50() == null ? b.ttfbMsP50() : b.ttfbMsP50() == null ? a.ttfbMsP50()
                : (a.ttfbMsP50() * a.requests() + b.ttfbMsP50() * b.requests()) / (a.requests() + b.requests());
        Instant newest = bNewer ? b.newest() : a.newest();
        return new PassiveSignal(a.upstream(), a.requests() + b.requests(), a.failures() + b.failures(), classes, ttfb,
                newest, bNewer ? b.lastStatus() : a.lastStatus(), a.bridges() + b.bridges());
    }
}
