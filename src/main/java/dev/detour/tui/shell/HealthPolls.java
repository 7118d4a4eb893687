package dev.detour.tui.shell;

import dev.detour.tui.model.AdviceView;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.UpstreamView;
import dev.detour.tui.view.Text;

import dev.detour.wire.BridgeStats;
import dev.detour.wire.FailureClass;
import dev.detour.health.HealthCheck;
import dev.detour.health.HealthJournal;
import dev.detour.health.HealthSnapshot;
import dev.detour.health.HealthState;
import dev.detour.health.PassiveSignal;
import dev.detour.health.PassiveSignals;
import dev.detour.team.TeamPassive;
import dev.detour.health.ProbeResult;
import dev.detour.health.RungResult;
import dev.detour.health.StatusPageReport;
import dev.detour.health.UpstreamHealth;
import dev.detour.wire.BridgeStats;
import dev.detour.wire.FailureClass;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Health for the dashboard, through the health capability: probes at the probe interval, status pages at theirs,
 * and every second the judgement over the newest probes, pages and the bridges' stats the bridge poller already read.
 */
public final class HealthPolls implements AutoCloseable {
    private record Probed(HealthCheck.Probes probes, Instant at) {
    }

    private final Supplier<HealthCheck> factory;
    private HealthCheck check;
    private final Duration probeInterval;
    private final AtomicReference<Probed> probed = new AtomicReference<>();
    private final AtomicReference<Map<String, StatusPageReport>> pages = new AtomicReference<>(Map.of());

    private final HealthJournal journal;

    /**
     * @param factory makes the health check on first use, on a poller thread (it loads the HTTP stack)
     * @param journal where state changes are recorded, or null
     */
    public HealthPolls(Supplier<HealthCheck> factory, Duration probeInterval, HealthJournal journal) {
        this.factory = factory;
        this.probeInterval = probeInterval;
        this.journal = journal;
    }

    private synchronized HealthCheck check() {
        if (check == null) {
            check = factory.get();
        }
        return check;
    }

    public Duration probeInterval() {
        return probeInterval;
    }

    @Override
    public synchronized void close() {
        if (check != null) {
            check.close();
        }
    }

    /** Probes every upstream and control host, bounded by the probe interval (at most 10 s). */
    public Pollers.Poll probes(Clock clock) {
        Duration bound = probeInterval.compareTo(Duration.ofSeconds(10)) < 0 ? probeInterval : Duration.ofSeconds(10);
        return current -> {
            probed.set(new Probed(check().probe(current.config(), bound), clock.instant()));
            return judge(current, clock.instant());
        };
    }

    public Pollers.Poll statusPages(Duration bound) {
        return current -> {
            pages.set(check().statusPages(current.config(), bound));
            return null;
        };
    }

    /** Judges again from what is known now (cheap, pure): traffic changes every second. */
    public Pollers.Poll judge(Clock clock) {
        return current -> judge(current, clock.instant());
    }

    /** Judges from the current snapshot's config and bridge stats, and journals the upstreams whose state changed. */
    private java.util.function.UnaryOperator<Snapshot> judge(Snapshot current, Instant now) {
        Probed p = probed.get();
        List<BridgeStats> stats = current.bridges().values().stream().map(BridgeView::stats).filter(Objects::nonNull).toList();
        Map<String, PassiveSignal> passive = PassiveSignals.from(stats);
        if (current.team() != null && current.team().view() != null) {
            passive = TeamPassive.enrich(passive, current.team().view(), current.config(), now);
        }
        HealthSnapshot health = HealthSnapshot.of(current.config(), p == null ? Map.of() : p.probes().upstreams(),
                passive, pages.get(), p == null ? List.of() : p.probes().controls(), now);
        if (journal != null && p != null) {
            journal.record(health);
        }
        Map<String, UpstreamView> views = views(health);
        List<AdviceView> advice = advice(health);
        Snapshot.Freshness freshness = new Snapshot.Freshness(p == null ? null : p.at(), probeInterval);
        return s -> s.withHealth(views, advice, freshness);
    }

    /** The dashboard's view of the advice. Pure. */
    public static List<AdviceView> advice(HealthSnapshot health) {
        return health.advice().stream().map(a -> new AdviceView(a.upstream(), a.text(), a.command(), a.moves())).toList();
    }

    /** The dashboard's view of each upstream's health. Pure. */
    public static Map<String, UpstreamView> views(HealthSnapshot health) {
        Map<String, UpstreamView> views = new LinkedHashMap<>();
        for (UpstreamHealth h : health.upstreams()) {
            views.put(h.name(), new UpstreamView(h.name(), h.state(), h.latencyMs(),
                    h.errorPercent() == null ? null : h.errorPercent() / 100.0, diagnosis(h), h.incident(),
                    ladder(h.probe()), health.at()));
        }
        return views;
    }

    static String diagnosis(UpstreamHealth h) {
        if (h.state() == HealthState.HEALTHY || h.state() == HealthState.UNKNOWN && h.detail() == null) {
            return null;
        }
        String word = h.failureClass() == null || h.failureClass() == FailureClass.OK ? h.state().word() : h.failureClass().word();
        return h.detail() == null ? word : word + ": " + h.detail();
    }

    static List<String> ladder(ProbeResult probe) {
        if (probe == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (RungResult r : probe.rungs()) {
            lines.add(Text.pad(r.rung().word(), 7) + Text.pad(r.ok() ? "ok" : "FAIL", 6) + Text.padLeft(Text.millis(r.ms()), 7)
                    + (r.detail() == null ? "" : "   " + r.detail()));
        }
        lines.add("verdict " + (probe.failureClass() == null ? "?" : probe.failureClass().word())
                + (probe.status() == null ? "" : "  HTTP " + probe.status())
                + (probe.reason() == null ? "" : "  " + probe.reason())
                + (probe.certIssuer() == null ? "" : "  certificate by " + probe.certIssuer())
                + "  (" + probe.url() + ")");
        return lines;
    }
}
