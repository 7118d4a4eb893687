package dev.detour.tui.view;

import dev.detour.tui.model.AdviceView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.EventFold;
import dev.detour.tui.model.Layout;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.UpstreamView;
import dev.detour.tui.model.Words;

import java.util.ArrayList;
import java.util.List;

/** The full-screen views over the tables: every event (folded, filtered, scrolled), every advice line whole. */
final class FullViews {
    private FullViews() {
    }

    static void events(Canvas c, DashboardState s, Overlay.Events e, Layout layout) {
        List<EventFold.Line> lines = EventFold.fold(EventFold.matching(s.snapshot().events(), e.filter()));
        int rows = layout.bodyHeight() - 2;
        int top = Math.max(0, Math.min(e.top(), lines.size() - rows));
        List<Seg> extra = new ArrayList<>();
        extra.add(Seg.of(" " + lines.size() + (lines.size() == 1 ? " line" : " lines") + ", newest first", Style.DIM));
        List<Seg> right = lines.size() > rows
                ? List.of(Seg.of((top + 1) + "–" + Math.min(lines.size(), top + rows) + " of " + lines.size(), Style.DIM))
                : List.of();
        Render.titleLine(c, layout.bodyTop(), "Events", true, extra, right);
        int row = layout.bodyTop() + 1;
        List<Seg> filter = new ArrayList<>();
        filter.add(Seg.of(" filter ", Style.DIM));
        if (e.typing()) {
            filter.add(Seg.of(e.filter() + "▏", Style.BOLD));
        } else if (e.filter().isEmpty()) {
            filter.add(Seg.of("(none: / filters by session, upstream or kind)", Style.DIM));
        } else {
            filter.add(Seg.of(e.filter(), Style.ACCENT));
        }
        c.segs(1, row++, filter, c.width - 2, null);
        if (lines.isEmpty()) {
            c.put(2, row, e.filter().isEmpty() ? "no events yet" : "no event matches \"" + e.filter() + "\"", Style.DIM);
        }
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            boolean selected = top + i == e.selected();
            if (selected) {
                c.fill(0, row + i, c.width, Style.CURSOR);
            }
            c.segs(1, row + i, EventsPane.line(lines.get(top + i), s.mode().zone()), c.width - 2, selected ? Style.CURSOR : null);
        }
    }

    static void advice(Canvas c, DashboardState s, Overlay.AdviceList a, Layout layout) {
        List<AdviceView> advice = s.advice();
        Render.titleLine(c, layout.bodyTop(), "Advice", true, List.of(Seg.of(" " + advice.size(), Style.DIM)), List.of());
        int row = layout.bodyTop() + 1;
        int end = layout.bodyTop() + layout.bodyHeight();
        int width = c.width - 6;
        for (int i = 0; i < advice.size() && row < end; i++) {
            AdviceView v = advice.get(i);
            boolean selected = i == Math.min(a.cursor(), advice.size() - 1);
            List<String> text = Dialogs.wrap(v.text(), width);
            for (int l = 0; l < text.size() && row < end; l++) {
                if (selected) {
                    c.fill(0, row, c.width, Style.CURSOR);
                }
                c.segs(1, row++, List.of(Seg.of(l == 0 ? (v.actionable() ? "→ " : "· ") : "  ", Style.WARN),
                        Seg.of(text.get(l), Style.BOLD)), c.width - 2, selected ? Style.CURSOR : null);
            }
            if (v.command() != null && row < end) {
                c.segs(3, row++, List.of(Seg.of("$ ", Style.DIM), Seg.of(v.command(), Style.ACCENT)), c.width - 4, null);
            }
            for (var move : v.moves().entrySet()) {
                if (row >= end) {
                    break;
                }
                UpstreamView target = s.snapshot().upstream(move.getKey());
                c.segs(3, row++, List.of(Seg.of(Words.names(move.getValue()) + " → " + move.getKey() + ": ", Style.DIM),
                        Seg.of(target.state().glyph() + " " + target.state().word(), SessionTable.stateStyle(target.state(), true)),
                        Seg.of(target.latencyMs() == null ? "" : ", " + target.latencyMs() + " ms", Style.DIM)), c.width - 4, null);
            }
            row++;
        }
        if (advice.isEmpty()) {
            c.put(2, row, "no advice now", Style.DIM);
        }
    }
}
