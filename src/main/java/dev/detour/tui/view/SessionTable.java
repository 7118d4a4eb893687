package dev.detour.tui.view;

import dev.detour.tui.model.Series;
import dev.detour.tui.model.AgentView;
import dev.detour.tui.model.BridgeState;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.SessionMetrics;
import dev.detour.tui.model.Snapshot;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.health.HealthState;
import dev.detour.wire.BridgeStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The sessions table: one row per visible session. */
public final class SessionTable {
    public static final List<Column> COLUMNS = List.of(
            Column.left("  SESSION", 0, 8, 20),
            Column.right("PORT", 7, 5, 5),
            Column.left("BRIDGE", 2, 9, 13),
            Column.flex("ROUTE", 1, 12, 60, 0.3),
            Column.left("FAMILY", 6, 6, 9),
            Column.left("VIA", 3, 3, 16),
            Column.right("REQ/M", 4, 5, 5),
            Column.right("ERR%", 2, 4, 5),
            Column.left("REQ 15M", 8, 7, 15),
            Column.left("LAST", 5, 6, 10),
            Column.left("AGENTS", 3, 6, 18),
            Column.left("ERR 15M", 9, 7, 15),
            Column.left("LAT 15M", 9, 7, 15));

    private SessionTable() {
    }

    /** The last table built, reused while only the cursor moves (a key stroke needs no new cells). */
    private record Built(Snapshot snapshot, Set<String> marks, String filter, long second, Table table) {
        boolean sameInputs(DashboardState s) {
            return snapshot == s.snapshot() && marks.equals(s.marks()) && filter.equals(s.filter())
                    && second == s.now().getEpochSecond();
        }
    }

    private static Built last;

    public static synchronized Table of(DashboardState state, List<Session> sessions) {
        Built b = last;
        if (b != null && b.sameInputs(state)) {
            return b.table();
        }
        Table table = build(state, sessions);
        last = new Built(state.snapshot(), state.marks(), state.filter(), state.now().getEpochSecond(), table);
        return table;
    }

    private static Table build(DashboardState state, List<Session> sessions) {
        List<List<List<Seg>>> rows = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            rows.add(row(state, s));
        }
        return new Table(COLUMNS, rows);
    }

    static List<List<Seg>> row(DashboardState state, Session session) {
        Snapshot snap = state.snapshot();
        Config config = snap.config();
        Instant now = state.now();
        BridgeView bridge = snap.bridge(session.name());
        BridgeStats stats = bridge.stats();
        SessionMetrics m = SessionMetrics.of(stats, now);
        boolean marked = state.marks().contains(session.name());
        List<List<Seg>> cells = new ArrayList<>(COLUMNS.size());
        cells.add(List.of(marked ? Seg.of("✓ ", Style.MARK) : Seg.of("  "),
                Seg.of(session.name(), marked ? Style.MARK : Style.BOLD)));
        cells.add(List.of(Seg.of(String.valueOf(session.port()), Style.DIM)));
        cells.add(bridgeCell(bridge));
        cells.add(routeCell(snap, session.route()));
        Family family = session.route().isEmpty() ? null : config.familyOf(session);
        cells.add(List.of(Seg.of(family == null ? "–" : family.wireName(), Style.NORMAL)));
        String serving = stats != null ? stats.serving() : null;
        boolean diverted = serving != null && !session.route().isEmpty() && !serving.equals(session.route().get(0));
        cells.add(diverted ? List.of(Seg.of("↪ " + serving, Style.WARN)) : List.of());
        cells.add(List.of(Seg.of(stats == null ? "–" : String.valueOf(m.perMinute()))));
        Double err = m.errorShare();
        cells.add(List.of(Seg.of(Text.percent(err), err == null || err == 0 ? Style.NORMAL : err >= 0.5 ? Style.BAD : Style.WARN)));
        Series history = snap.sessionHistory(session.name());
        cells.add(historyCell(history));
        cells.add(lastCell(m.last(), now));
        cells.add(agentsCell(snap.agentsOf(session.name()), stats == null || stats.claudeSessions() == null ? 0
                : stats.claudeSessions().size()));
        cells.add(errorHistoryCell(history));
        cells.add(latencyHistoryCell(history));
        return cells;
    }

    /** Requests over the last 15 minutes, one block per minute; yellow when some of them failed. */
    static List<Seg> historyCell(Series series) {
        if (series == null || series.empty()) {
            return List.of();
        }
        boolean failures = series.errorShare().stream().anyMatch(e -> e != null && e > 0);
        return List.of(Seg.of(Sparkline.of(series.requests(), 0, 15), failures ? Style.WARN : Style.ACCENT));
    }

    /** The failed share of each minute, a full block for all failed; blank without traffic. */
    static List<Seg> errorHistoryCell(Series series) {
        if (series == null || series.empty()) {
            return List.of();
        }
        return List.of(Seg.of(Sparkline.of(series.errorShare(), 1.0, 15), Style.WARN));
    }

    /** Mean time to first byte of each minute, scaled to the slowest. */
    static List<Seg> latencyHistoryCell(Series series) {
        if (series == null || series.empty()) {
            return List.of();
        }
        return List.of(Seg.of(Sparkline.of(series.latencyMs(), 0, 15), Style.ACCENT));
    }

    static List<Seg> bridgeCell(BridgeView bridge) {
        BridgeState b = bridge.state();
        Style style = switch (b) {
            case RUNNING -> Style.OK;
            case STARTING, UNREACHABLE -> Style.WARN;
            case CRASHED -> Style.BAD;
            case STOPPED -> Style.DIM;
        };
        String glyph = switch (b) {
            case RUNNING -> "●";
            case STARTING, UNREACHABLE -> "▲";
            case CRASHED -> "✖";
            case STOPPED -> "○";
        };
        List<Seg> cell = new ArrayList<>(List.of(Seg.of(glyph + " " + b.word(), style)));
        if (bridge.stats() != null && bridge.stats().configError() != null) {
            cell.add(Seg.of(" cfg!", Style.BAD));
        }
        return cell;
    }

    static List<Seg> routeCell(Snapshot snap, List<String> route) {
        List<Seg> segs = new ArrayList<>();
        for (int i = 0; i < route.size(); i++) {
            String name = route.get(i);
            if (i == 0) {
                segs.add(Seg.of(name, stateStyle(snap.upstream(name).state(), true)));
            } else {
                segs.add(Seg.of(" › " + name, Style.DIM));
            }
        }
        return segs.isEmpty() ? List.of(Seg.of("(no route)", Style.BAD)) : segs;
    }

    static Style stateStyle(HealthState state, boolean strong) {
        return switch (state) {
            case HEALTHY -> strong ? Style.OK : Style.NORMAL;
            case DEGRADED -> Style.WARN;
            case DOWN -> Style.BAD;
            case UNKNOWN -> Style.NORMAL;
        };
    }

    static List<Seg> lastCell(BridgeStats.RequestRecord last, Instant now) {
        if (last == null) {
            return List.of(Seg.of("–", Style.DIM));
        }
        Style style = last.status() >= 200 && last.status() < 400 ? Style.OK
                : SessionMetrics.failed(last) ? Style.BAD : Style.WARN;
        String status = last.status() == 0 ? "gone" : String.valueOf(last.status());
        return List.of(Seg.of(status, style), Seg.of(" " + Text.age(last.time(), now), Style.DIM));
    }

    /** Agent processes by Claude Code state; without any, the conversations the bridge saw in the last 10 min. */
    static List<Seg> agentsCell(List<AgentView> agents, int conversations) {
        if (agents.isEmpty()) {
            return List.of(Seg.of(conversations == 0 ? "–" : conversations + " conv", Style.DIM));
        }
        Map<String, Integer> byState = new TreeMap<>();
        for (AgentView a : agents) {
            byState.merge(a.claudeState() == null ? "?" : a.claudeState(), 1, Integer::sum);
        }
        List<Seg> segs = new ArrayList<>();
        if (byState.size() == 1 && byState.containsKey("?")) {
            return List.of(Seg.of(String.valueOf(agents.size())));
        }
        for (Map.Entry<String, Integer> e : byState.entrySet()) {
            if (!segs.isEmpty()) {
                segs.add(Seg.of(" "));
            }
            Style style = switch (e.getKey()) {
                case "busy" -> Style.ACCENT;
                case "waiting" -> Style.WARN;
                default -> Style.NORMAL;
            };
            segs.add(Seg.of(e.getValue() + " " + e.getKey(), style));
        }
        return segs;
    }
}
