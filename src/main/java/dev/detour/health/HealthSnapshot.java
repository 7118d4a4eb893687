package dev.detour.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.detour.config.Config;
import dev.detour.config.Upstream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything health knows at one moment, immutable: what {@code detour status} prints and the dashboard shows.
 *
 * @param upstreams    one entry per configured upstream, in config order
 * @param controlHosts the control host probes
 * @param edge         whether the failure is at the user's own edge
 * @param advice       diagnosis lines with the move that helps, most important first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HealthSnapshot(Instant at, List<UpstreamHealth> upstreams, List<ProbeResult> controlHosts,
                             EdgeVerdict edge, List<Advice> advice) {
    public HealthSnapshot {
        upstreams = List.copyOf(upstreams);
        controlHosts = List.copyOf(controlHosts);
        advice = List.copyOf(advice);
    }

    /**
     * Judges every upstream from what was gathered, applies the edge verdict and derives the advice. Pure.
     *
     * @param probes   upstream name to probe result (missing: not probed)
     * @param passive  upstream name to traffic stats summed over the bridges
     * @param pages    upstream name to status page report
     * @param controls control host probes
     */
    public static HealthSnapshot of(Config config, Map<String, ProbeResult> probes, Map<String, PassiveSignal> passive,
                                    Map<String, StatusPageReport> pages, List<ProbeResult> controls, Instant now) {
        boolean trafficFlows = passive.values().stream()
                .anyMatch(p -> p.fresh(now, HealthJudge.FRESH) && p.failures() < p.requests());
        List<ProbeResult> upstreamProbes = config.upstreams().keySet().stream()
                .map(probes::get).filter(p -> p != null).toList();
        EdgeVerdict edge = upstreamProbes.size() == config.upstreams().size()
                ? EdgeVerdict.judge(upstreamProbes, controls, trafficFlows) : EdgeVerdict.NONE;
        Map<String, UpstreamHealth> judged = new LinkedHashMap<>();
        for (Upstream u : config.upstreams().values()) {
            UpstreamHealth h = HealthJudge.judge(u, probes.get(u.name()), passive.get(u.name()), pages.get(u.name()), now);
            judged.put(u.name(), edge.edge() ? h.withEdge(edge.reason()) : h);
        }
        return new HealthSnapshot(now, new ArrayList<>(judged.values()), controls, edge,
                Advisor.advise(config, judged, edge));
    }

    public Optional<UpstreamHealth> upstream(String name) {
        return upstreams.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The advice lines that concern one session (including setup-wide ones such as an edge failure). */
    public List<Advice> adviceFor(String session) {
        return advice.stream().filter(a -> a.concerns(session)).toList();
    }
}
