package dev.detour.tui.view;

import dev.detour.journal.Event;
import dev.detour.tui.model.AdviceView;
import dev.detour.tui.model.AgentView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.EventFold;
import dev.detour.tui.model.Layout;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Source;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The main screen's bottom pane: the advice first, the first actionable line wrapped whole (it says what to do, and
 * {@code a} does it), then the newest events with breaker trials folded.
 */
final class EventsPane {
    /** The kind column: most kinds fit; a longer one pushes the line on rather than touching the session. */
    private static final int KIND_WIDTH = 14;

    private EventsPane() {
    }

    static void draw(Canvas c, DashboardState s, Layout.Pane pane) {
        if (pane.height() == 0) {
            return;
        }
        Snapshot snap = s.snapshot();
        List<Seg> right = new ArrayList<>(Render.freshness(s, Source.EVENTS, "events"));
        boolean actionable = s.advice().stream().anyMatch(AdviceView::actionable);
        List<Seg> extra = actionable && !s.mode().readOnly()
                ? List.of(Seg.of("  a", Style.KEY), Seg.of(" applies", Style.DIM), Seg.of("  A", Style.KEY), Seg.of(" all", Style.DIM))
                : List.of();
        Render.titleLine(c, pane.top(), s.advice().isEmpty() && snap.bypassing().isEmpty() ? "Events" : "Advice & events",
                false, extra, right);
        int row = pane.firstRow();
        int end = pane.top() + pane.height();
        int width = c.width - 4;
        boolean wrapped = false;
        for (AdviceView advice : s.advice()) {
            if (row >= end) {
                return;
            }
            if (!wrapped && (advice.actionable() || !actionable)) {
                wrapped = true;
                List<String> lines = Dialogs.wrap(advice.text(), width);
                for (int i = 0; i < lines.size() && row < end; i++) {
                    c.segs(1, row++, List.of(Seg.of(i == 0 ? "→ " : "  ", Style.WARN), Seg.of(lines.get(i), Style.BOLD)),
                            c.width - 2, null);
                }
            } else {
                c.segs(1, row++, List.of(Seg.of("→ ", Style.WARN), Seg.of(advice.text(), Style.NORMAL)), c.width - 2, null);
            }
        }
        for (AgentView a : snap.bypassing()) {
            if (row >= end) {
                return;
            }
            String program = Header.programName(a.command());
            c.segs(1, row++, List.of(Seg.of("→ ", Style.WARN), Seg.of("agent pid " + a.pid() + " (" + program
                    + (a.cwd() == null ? "" : " in " + Header.shortPath(a.cwd(), s.mode().home()))
                    + ") bypasses detour: start it with  detour run SESSION -- " + program, Style.BOLD)), c.width - 2, null);
        }
        List<EventFold.Line> lines = EventFold.fold(snap.events());
        if (lines.isEmpty() && row < end) {
            c.put(1, row, "no events yet: reroutes, failovers, breaker changes, health changes and bridge exits appear here",
                    Style.DIM);
        }
        for (int i = 0; i < lines.size() && row < end; i++) {
            c.segs(1, row++, line(lines.get(i), s.mode().zone()), c.width - 2, null);
        }
    }

    /** One folded line: time, kind, session(s), what changed, a count for a run of breaker trials, the reason. */
    static List<Seg> line(EventFold.Line line, ZoneId zone) {
        Event e = line.event();
        List<Seg> segs = new ArrayList<>(eventLine(e, zone, line.folded() ? String.join(",", line.sessions()) : e.session()));
        if (line.folded()) {
            segs.add(1 + (segs.size() > 1 ? 1 : 0), Seg.of("×" + line.count() + " ", Style.WARN));
        }
        return segs;
    }

    static List<Seg> eventLine(Event e, ZoneId zone, String session) {
        String time = e.time() == null ? "--:--:--" : LocalTime.ofInstant(e.time(), zone).format(Header.CLOCK);
        Style kindStyle = switch (e.kind() == null ? "" : e.kind()) {
            case "bridge_exit", "config_error" -> Style.BAD;
            case "failover", "breaker", "bridge_restart", "health" -> Style.WARN;
            case "bridge_start" -> Style.OK;
            default -> Style.ACCENT;
        };
        boolean standsOut = EventFold.standsOut(e);
        List<Seg> segs = new ArrayList<>();
        segs.add(Seg.of(time + "  ", Style.DIM));
        String kind = e.kind() == null ? "?" : e.kind();
        segs.add(Seg.of(Text.pad(kind, Math.max(KIND_WIDTH, Text.width(kind))) + " ", standsOut ? Style.MARK : kindStyle));
        if (session != null) {
            segs.add(Seg.of(Text.pad(session, 10) + " ", Style.BOLD));
        }
        if (e.from() != null && e.to() != null) {
            segs.add(Seg.of(e.from() + " → " + e.to(), standsOut ? Style.BOLD : Style.NORMAL));
        } else if (e.from() != null || e.to() != null) {
            segs.add(Seg.of(e.from() != null ? e.from() : e.to()));
        }
        if (e.reason() != null) {
            segs.add(Seg.of("  " + e.reason(), Style.DIM));
        }
        return segs;
    }
}
