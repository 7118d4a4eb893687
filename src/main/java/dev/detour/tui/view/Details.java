package dev.detour.tui.view;

import dev.detour.tui.model.Series;
import dev.detour.tui.model.Words;
import dev.detour.tui.model.AgentView;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Focus;
import dev.detour.tui.model.Layout;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.SessionMetrics;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Update;
import dev.detour.tui.model.UpstreamView;

import dev.detour.config.Config;
import dev.detour.config.Session;
import dev.detour.config.Upstream;
import dev.detour.wire.BridgeStats.RequestRecord;
import dev.detour.wire.BridgeStats;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The details view: a session's bridge, breakers, agents and recent requests; an upstream's probes and incident. */
public final class Details {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Details() {
    }

    static void render(Canvas c, DashboardState s, Overlay.Details d, Layout layout) {
        List<List<Seg>> lines = d.kind() == Focus.SESSIONS ? session(s, d.name()) : upstream(s, d.name());
        if (d.log() != null) {
            lines = new ArrayList<>(lines);
            lines.add(0, List.of(Seg.of("Bridge log ", Style.TITLE), Seg.of("newest last; l reads it again", Style.DIM)));
            for (int i = 0; i < d.log().size(); i++) {
                lines.add(1 + i, List.of(Seg.of("  " + d.log().get(i), Style.DIM)));
            }
            lines.add(1 + d.log().size(), List.of());
        }
        String title = (d.kind() == Focus.SESSIONS ? "Session " : "Upstream ") + d.name();
        int rows = layout.bodyHeight() - 1;
        int top = Math.max(0, Math.min(d.top(), lines.size() - rows));
        List<Seg> right = lines.size() > rows
                ? List.of(Seg.of("lines " + (top + 1) + "–" + Math.min(lines.size(), top + rows) + " of " + lines.size(), Style.DIM))
                : List.of();
        Render.titleLine(c, layout.bodyTop(), title, true, List.of(), right);
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            c.segs(1, layout.bodyTop() + 1 + i, lines.get(top + i), c.width - 2, null);
        }
    }

    static List<List<Seg>> session(DashboardState s, String name) {
        Snapshot snap = s.snapshot();
        Config config = snap.config();
        List<List<Seg>> out = new ArrayList<>();
        Session session = config.session(name).orElse(null);
        if (session == null) {
            out.add(List.of(Seg.of("session " + name + " is no longer in the config", Style.WARN)));
            return out;
        }
        BridgeView bridge = snap.bridge(name);
        BridgeStats stats = bridge.stats();
        out.add(kv("route", SessionTable.routeCell(snap, session.route())));
        out.add(kv("family", List.of(Seg.of(session.route().isEmpty() ? "–" : config.familyOf(session).wireName()),
                Seg.of("   failover " + session.failover().wireName(), Style.DIM))));
        List<Seg> b = new ArrayList<>(SessionTable.bridgeCell(bridge));
        b.add(Seg.of("   127.0.0.1:" + session.port(), Style.DIM));
        if (bridge.pid() > 0) {
            b.add(Seg.of("   pid " + bridge.pid(), Style.DIM));
        }
        if (stats != null && stats.startedAt() != null) {
            b.add(Seg.of("   up " + Text.age(stats.startedAt(), s.now()), Style.DIM));
        }
        if (bridge.restarts() > 0) {
            b.add(Seg.of("   restarted " + Words.plural(bridge.restarts(), "time"), Style.WARN));
        }
        out.add(kv("bridge", b));
        if (bridge.problem() != null) {
            out.add(kv("problem", List.of(Seg.of(bridge.problem(), Style.BAD))));
        }
        if (stats != null) {
            out.add(kv("serving", List.of(Seg.of(stats.serving() == null ? "no request yet" : stats.serving()),
                    Seg.of("   in flight " + stats.inFlight() + "   config v" + stats.configVersion(), Style.DIM))));
            if (stats.configError() != null) {
                out.add(kv("config", List.of(Seg.of(stats.configError() + " (keeping the last good route)", Style.BAD))));
            }
            if (stats.upstreams() != null && !stats.upstreams().isEmpty()) {
                out.add(List.of());
                out.add(List.of(Seg.of("Breakers", Style.TITLE)));
                for (Map.Entry<String, BridgeStats.UpstreamStats> e : stats.upstreams().entrySet()) {
                    BridgeStats.UpstreamStats u = e.getValue();
                    Style st = "closed".equals(u.breaker()) ? Style.OK : "open".equals(u.breaker()) ? Style.BAD : Style.WARN;
                    List<Seg> line = new ArrayList<>();
                    line.add(Seg.of("  " + Text.pad(e.getKey(), 14), Style.BOLD));
                    line.add(Seg.of(Text.pad(u.breaker() == null ? "?" : u.breaker(), 10), st));
                    line.add(Seg.of(u.requests() + " req  " + u.failures() + " failed  ttfb p50 " + Text.millis(u.ttfbMsP50())
                            + (u.lastStatus() == null ? "" : "  last " + u.lastStatus() + " " + Text.age(u.lastAt(), s.now()) + " ago"),
                            Style.DIM));
                    if (u.skipped() != null) {
                        line.add(Seg.of("  skipped: " + u.skipped(), Style.WARN));
                    }
                    out.add(line);
                }
            }
        }
        out.addAll(history(snap.sessionHistory(name)));
        List<AgentView> agents = snap.agentsOf(name);
        out.add(List.of());
        out.add(List.of(Seg.of("Agents ", Style.TITLE), Seg.of(String.valueOf(agents.size()), Style.DIM)));
        if (agents.isEmpty()) {
            out.add(List.of(Seg.of(s.mode().demo() ? "  none: the demo's agents are simulated in-process (their requests are below)"
                    : "  none attached: start one with  detour run " + name + " -- claude", Style.DIM)));
        }
        for (AgentView a : agents) {
            out.add(agentLine(a, s.mode().home()));
        }
        List<AgentView> bypassing = snap.bypassing();
        if (!bypassing.isEmpty()) {
            out.add(List.of(Seg.of("Bypassing detour ", Style.BAD), Seg.of(String.valueOf(bypassing.size()), Style.DIM)));
            for (AgentView a : bypassing) {
                out.add(agentLine(a, s.mode().home()));
            }
        }
        out.add(List.of());
        List<RequestRecord> requests = stats == null || stats.requests() == null ? List.of() : stats.requests();
        out.add(List.of(Seg.of("Recent requests ", Style.TITLE), Seg.of(requests.size() + ", newest first", Style.DIM)));
        if (!requests.isEmpty()) {
            out.add(List.of(Seg.of("  TIME      UPSTREAM        STATUS   TTFB    TIME   CLASS          MODEL", Style.COLUMN_HEADER)));
        }
        for (int i = requests.size() - 1; i >= 0; i--) {
            out.add(requestLine(requests.get(i), s.mode().zone()));
        }
        return out;
    }

    private static List<Seg> agentLine(AgentView a, String home) {
        List<Seg> line = new ArrayList<>();
        line.add(Seg.of("  pid " + Text.pad(String.valueOf(a.pid()), 8)));
        line.add(Seg.of(Text.pad(a.claudeState() == null ? "–" : a.claudeState(), 8),
                "busy".equals(a.claudeState()) ? Style.ACCENT : Style.NORMAL));
        line.add(Seg.of(Text.pad(a.tmuxPane() == null ? "" : a.tmuxPane(), 12), Style.DIM));
        line.add(Seg.of(Text.pad(a.command() == null ? "" : a.command(), 14)));
        line.add(Seg.of(a.cwd() == null ? "" : Header.shortPath(a.cwd(), home), Style.DIM));
        return line;
    }

    private static List<Seg> requestLine(RequestRecord r, ZoneId zone) {
        String time = r.time() == null ? "--:--:--" : LocalTime.ofInstant(r.time(), zone).format(TIME);
        Style st = r.status() >= 200 && r.status() < 400 ? Style.OK : SessionMetrics.failed(r) ? Style.BAD : Style.WARN;
        List<Seg> line = new ArrayList<>();
        line.add(Seg.of("  " + time + "  ", Style.DIM));
        line.add(Seg.of(Text.pad(r.upstream() == null ? "–" : r.upstream(), 16)));
        line.add(Seg.of(Text.pad(r.status() == 0 ? "gone" : String.valueOf(r.status()), 7), st));
        line.add(Seg.of(Text.padLeft(Text.millis(r.ttfbMs()), 6) + "  " + Text.padLeft(Text.millis(r.durationMs()), 6) + "   "));
        line.add(Seg.of(Text.pad(r.failureClass() == null ? "ok" : r.failureClass(), 15), r.failureClass() == null ? Style.DIM : Style.WARN));
        line.add(Seg.of(r.model() == null ? "" : r.model() + (r.mappedModel() != null ? " → " + r.mappedModel() : ""), Style.DIM));
        if (r.attempts() != null && r.attempts().size() > 1) {
            line.add(Seg.of("  via " + String.join(" › ", r.attempts()), Style.WARN));
        }
        return line;
    }

    static List<List<Seg>> upstream(DashboardState s, String name) {
        Snapshot snap = s.snapshot();
        List<List<Seg>> out = new ArrayList<>();
        Upstream u = snap.config().upstream(name).orElse(null);
        if (u == null) {
            out.add(List.of(Seg.of("upstream " + name + " is no longer in the config", Style.WARN)));
            return out;
        }
        UpstreamView v = snap.upstream(name);
        out.add(kv("state", List.of(Seg.of(v.state().glyph() + " " + v.state().word(), SessionTable.stateStyle(v.state(), true)),
                Seg.of(v.checkedAt() == null ? "   not checked yet" : "   checked " + Text.age(v.checkedAt(), s.now()) + " ago", Style.DIM))));
        if (v.diagnosis() != null) {
            out.add(kv("diagnosis", List.of(Seg.of(v.diagnosis(), Style.BOLD))));
        }
        out.add(kv("family", List.of(Seg.of(u.family().wireName()), Seg.of("   api " + u.kind().wireName()
                + (u.region() != null ? "   region " + u.region() : "") + (u.project() != null ? "   project " + u.project() : ""),
                Style.DIM))));
        out.add(kv("base url", List.of(Seg.of(u.baseUrl() == null ? "–" : u.baseUrl()))));
        out.add(kv("auth", List.of(Seg.of(u.passthrough() ? "passthrough (the agent's own credential)"
                : u.authEnvVar().map(var -> "key from $" + var).orElse(String.valueOf(u.auth()))))));
        out.add(kv("latency", List.of(Seg.of(Text.millis(v.latencyMs())), Seg.of("   errors " + Text.percent(v.errorRate()), Style.DIM))));
        if (!u.models().isEmpty()) {
            out.add(kv("models", List.of(Seg.of(u.models().toString(), Style.DIM))));
        }
        out.addAll(history(snap.upstreamHistory(name)));
        out.add(List.of());
        out.add(List.of(Seg.of("Status page", Style.TITLE)));
        if (u.statusPage() == null) {
            out.add(List.of(Seg.of("  none configured (status_page)", Style.DIM)));
        } else {
            out.add(List.of(Seg.of("  " + u.statusPage(), Style.DIM)));
            out.add(List.of(Seg.of("  " + (v.incident() == null ? "no open incident" : v.incident()),
                    v.incident() == null ? Style.OK : Style.WARN)));
        }
        out.add(List.of());
        out.add(List.of(Seg.of("Probe ladder", Style.TITLE)));
        if (v.ladder().isEmpty()) {
            out.add(List.of(Seg.of("  not probed yet", Style.DIM)));
        }
        for (String rung : v.ladder()) {
            out.add(List.of(Seg.of("  " + rung)));
        }
        out.add(List.of());
        List<String> routed = new ArrayList<>();
        List<String> fallback = new ArrayList<>();
        for (Session session : snap.config().sessions().values()) {
            int at = session.route().indexOf(name);
            if (at == 0) {
                routed.add(session.name());
            } else if (at > 0) {
                fallback.add(session.name());
            }
        }
        out.add(List.of(Seg.of("Sessions", Style.TITLE)));
        out.add(kv("routed here", List.of(Seg.of(routed.isEmpty() ? "none" : String.join(", ", routed)))));
        out.add(kv("fallback for", List.of(Seg.of(fallback.isEmpty() ? "none" : String.join(", ", fallback)))));
        return out;
    }

    /** Requests, failed share and latency over the last 15 minutes, one block per 30 s. */
    static List<List<Seg>> history(Series series) {
        List<List<Seg>> out = new ArrayList<>();
        out.add(List.of());
        out.add(List.of(Seg.of("Last 15 minutes ", Style.TITLE), Seg.of("one block per " + Series.BUCKET_S + " s, newest right",
                Style.DIM)));
        if (series == null || series.empty()) {
            out.add(List.of(Seg.of("  no traffic recorded yet", Style.DIM)));
            return out;
        }
        int total = series.requests().stream().mapToInt(Integer::intValue).sum();
        long peak = series.latencyMs().stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
        out.add(kv("requests", List.of(Seg.of(Sparkline.of(series.requests(), 0, Series.BUCKETS), Style.ACCENT),
                Seg.of("  " + total + " in all", Style.DIM))));
        out.add(kv("errors", List.of(Seg.of(Sparkline.of(series.errorShare(), 1.0, Series.BUCKETS), Style.WARN),
                Seg.of("  share failed, full block = 100%", Style.DIM))));
        out.add(kv("latency", List.of(Seg.of(Sparkline.of(series.latencyMs(), 0, Series.BUCKETS), Style.ACCENT),
                Seg.of("  time to first byte, peak " + Text.millis(peak), Style.DIM))));
        return out;
    }

    private static List<Seg> kv(String key, List<Seg> value) {
        List<Seg> line = new ArrayList<>();
        line.add(Seg.of(Text.pad(key, 13), Style.DIM));
        line.addAll(value);
        return line;
    }
}
