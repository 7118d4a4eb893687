package dev.detour.tui.view;

import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Series;
import dev.detour.tui.model.UpstreamView;

import dev.detour.health.HealthState;
import dev.detour.config.Session;
import dev.detour.config.Upstream;

import java.util.ArrayList;
import java.util.List;

/** The upstreams table: one row per upstream of the config. */
public final class UpstreamTable {
    public static final List<Column> COLUMNS = List.of(
            Column.left("UPSTREAM", 0, 8, 18),
            Column.left("FAMILY", 5, 6, 22),
            Column.left("STATE", 0, 6, 10),
            Column.right("LATENCY", 2, 7, 7),
            Column.right("ERR%", 3, 4, 5),
            Column.right("SESSIONS", 4, 8, 8),
            Column.left("REQ 15M", 6, 7, 15),
            Column.flex("DIAGNOSIS", 1, 12, 100, 0.35),
            Column.flex("STATUS PAGE", 4, 12, 60, 0.2),
            Column.left("ERR 15M", 7, 7, 15),
            Column.left("LAT 15M", 7, 7, 15));

    private UpstreamTable() {
    }

    public static Table of(DashboardState state) {
        List<List<List<Seg>>> rows = new ArrayList<>();
        for (Upstream u : state.upstreams()) {
            rows.add(row(state, u));
        }
        return new Table(COLUMNS, rows);
    }

    static List<List<Seg>> row(DashboardState state, Upstream upstream) {
        UpstreamView view = state.snapshot().upstream(upstream.name());
        List<List<Seg>> cells = new ArrayList<>(COLUMNS.size());
        cells.add(List.of(Seg.of(upstream.name(), Style.BOLD)));
        cells.add(List.of(Seg.of(upstream.dialectLabel())));
        cells.add(List.of(Seg.of(view.state().glyph() + " " + view.state().word(), SessionTable.stateStyle(view.state(), true))));
        cells.add(List.of(Seg.of(Text.millis(view.latencyMs()))));
        Double err = view.errorRate();
        cells.add(List.of(Seg.of(Text.percent(err), err == null || err == 0 ? Style.NORMAL : err >= 0.5 ? Style.BAD : Style.WARN)));
        long on = 0;
        for (Session s : state.snapshot().config().sessions().values()) {
            if (!s.route().isEmpty() && s.route().get(0).equals(upstream.name())) {
                on++;
            }
        }
        cells.add(List.of(Seg.of(on == 0 ? "–" : String.valueOf(on), on == 0 ? Style.DIM : Style.NORMAL)));
        Series history = state.snapshot().upstreamHistory(upstream.name());
        cells.add(SessionTable.historyCell(history));
        cells.add(view.diagnosis() == null ? List.of(Seg.of("–", Style.DIM))
                : List.of(Seg.of(view.diagnosis(), view.state() == HealthState.HEALTHY ? Style.NORMAL : SessionTable.stateStyle(view.state(), false))));
        cells.add(view.incident() == null ? List.of(Seg.of("–", Style.DIM)) : List.of(Seg.of(view.incident(), Style.WARN)));
        cells.add(SessionTable.errorHistoryCell(history));
        cells.add(SessionTable.latencyHistoryCell(history));
        return cells;
    }
}
