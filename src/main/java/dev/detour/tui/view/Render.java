package dev.detour.tui.view;

import dev.detour.tui.model.Words;
import dev.detour.tui.model.AgentView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Flash;
import dev.detour.tui.model.Focus;
import dev.detour.tui.model.KeyBinding;
import dev.detour.tui.model.Keymap;
import dev.detour.tui.model.Layout;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Source;
import dev.detour.tui.model.Update;

import dev.detour.health.HealthState;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.detour.config.Session;
import dev.detour.journal.Event;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws a whole frame from the state. Pure: reads nothing but its arguments, writes only to the graphics. */
public final class Render {
    private Render() {
    }

    public static void render(DashboardState state, TextGraphics graphics, TerminalSize size) {
        DashboardState s = state.size().equals(size) ? state : state.withSize(size);
        Canvas c = new Canvas(graphics, Theme.of(s.mode().color()), size.getColumns(), size.getRows(), s.mode().unicode());
        c.fill(0, 0, 0, Style.NORMAL);
        Theme.of(s.mode().color()).apply(graphics, Style.NORMAL);
        graphics.fill(' ');
        Layout layout = s.layout();
        if (layout.tooSmall()) {
            tooSmall(c, size);
            return;
        }
        Header.draw(c, s);
        if (s.overlay() instanceof Overlay.Details d) {
            Details.render(c, s, d, layout);
        } else if (s.overlay() instanceof Overlay.Events e) {
            FullViews.events(c, s, e, layout);
        } else if (s.overlay() instanceof Overlay.AdviceList a) {
            FullViews.advice(c, s, a, layout);
        } else if (s.overlay() instanceof Overlay.Team t) {
            TeamPane.draw(c, s, t, layout);
        } else {
            sessions(c, s, layout.sessions());
            upstreams(c, s, layout.upstreams());
            EventsPane.draw(c, s, layout.events());
        }
        flash(c, s, layout.flashRow());
        Footer.draw(c, s, layout.footerRow());
        if (s.overlay() instanceof Overlay.Picker p) {
            Dialogs.picker(c, s, p);
        } else if (s.overlay() instanceof Overlay.Confirm confirm) {
            Dialogs.confirm(c, s, confirm);
        } else if (s.overlay() instanceof Overlay.Help h) {
            Dialogs.help(c, s, h);
        } else if (s.overlay() instanceof Overlay.Scope scope) {
            TeamPane.scope(c, s, scope);
        }
    }

    private static void tooSmall(Canvas c, TerminalSize size) {
        String line1 = "terminal too small: " + size.getColumns() + "×" + size.getRows()
                + ", need " + Layout.MIN_WIDTH + "×" + Layout.MIN_HEIGHT;
        String line2 = "q quits";
        int row = Math.max(0, size.getRows() / 2 - 1);
        c.put(Math.max(0, (size.getColumns() - Text.width(line1)) / 2), row, line1, Style.WARN);
        c.put(Math.max(0, (size.getColumns() - Text.width(line2)) / 2), row + 1, line2, Style.DIM);
    }

    /** A pane's title line: "── Sessions 3 ── … ── stats 1s ago ─". */
    static void titleLine(Canvas c, int row, String title, boolean focused, List<Seg> extra, List<Seg> right) {
        c.put(0, row, "─".repeat(c.width), Style.DIM);
        int x = c.put(1, row, " " + title, focused ? Style.TITLE_FOCUSED : Style.TITLE);
        int rightW = right.isEmpty() ? 0 : Seg.width(right) + 2;
        List<Seg> padded = new ArrayList<>(extra);
        padded.add(Seg.of(" "));
        c.segs(x, row, padded, c.width - rightW - x - 2, null);
        if (!right.isEmpty()) {
            List<Seg> framed = new ArrayList<>();
            framed.add(Seg.of(" "));
            framed.addAll(right);
            framed.add(Seg.of(" "));
            c.segsRight(c.width - 1, row, framed, null);
        }
    }

    static List<Seg> freshness(DashboardState s, Source source, String what) {
        Snapshot.Freshness f = s.snapshot().updated().get(source);
        if (f == null || f.at() == null) {
            return List.of(Seg.of(what + " waiting", Style.DIM));
        }
        if (f.staleAt(s.now())) {
            return List.of(Seg.of(what + " stale " + Text.age(f.at(), s.now()), Style.WARN));
        }
        return List.of(Seg.of(what + " " + Text.age(f.at(), s.now()) + " ago", Style.DIM));
    }

    private static void sessions(Canvas c, DashboardState s, Layout.Pane pane) {
        List<Session> visible = s.visibleSessions();
        boolean focused = s.focus() == Focus.SESSIONS;
        List<Seg> extra = new ArrayList<>();
        int total = s.snapshot().sessions().size();
        extra.add(Seg.of(" " + (visible.size() == total ? String.valueOf(total) : visible.size() + "/" + total), Style.DIM));
        if (visible.size() > pane.rows()) {
            extra.add(Seg.of("  rows " + (s.sessionTop() + 1) + "–" + Math.min(visible.size(), s.sessionTop() + pane.rows()), Style.DIM));
        }
        if (!s.marks().isEmpty()) {
            extra.add(Seg.of("  ✓" + s.marks().size() + " marked", Style.MARK));
        }
        if (s.overlay() instanceof Overlay.Filtering) {
            extra.add(Seg.of("  /", Style.KEY));
            extra.add(Seg.of(s.filter() + "▏", Style.BOLD));
        } else if (!s.filter().isEmpty()) {
            extra.add(Seg.of("  filter: ", Style.DIM));
            extra.add(Seg.of(s.filter(), Style.ACCENT));
        }
        titleLine(c, pane.top(), "Sessions", focused, extra, freshness(s, Source.BRIDGES, "stats"));
        int first = s.sessionTop();
        int last = Math.min(visible.size(), first + pane.rows());
        Table table = SessionTable.of(s, visible);
        int cursor = indexOf(visible, s.sessionCursor());
        drawTable(c, table, pane, first, last, focused ? cursor : -1, focused ? -1 : cursor);
        if (visible.isEmpty()) {
            c.put(2, pane.firstRow(), total == 0 ? "no sessions in the config: add a [sessions.NAME] table (press e)"
                    : "no session matches \"" + s.filter() + "\" (Esc clears the filter)", Style.DIM);
        }
    }

    private static int indexOf(List<Session> sessions, String name) {
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void upstreams(Canvas c, DashboardState s, Layout.Pane pane) {
        boolean focused = s.focus() == Focus.UPSTREAMS;
        List<String> names = List.copyOf(s.snapshot().config().upstreams().keySet());
        titleLine(c, pane.top(), "Upstreams", focused, List.of(Seg.of(" " + names.size(), Style.DIM)),
                freshness(s, Source.HEALTH, "probed"));
        int first = s.upstreamTop();
        int last = Math.min(names.size(), first + pane.rows());
        int cursor = names.indexOf(s.upstreamCursor());
        drawTable(c, UpstreamTable.of(s), pane, first, last, focused ? cursor : -1, focused ? -1 : cursor);
    }

    private static void drawTable(Canvas c, Table table, Layout.Pane pane, int first, int last, int cursor, int ghost) {
        int inner = c.width - 2;
        int[] widths = table.widths(inner);
        int gap = ColumnFit.gap(inner);
        List<Column> cols = table.columns();
        int x = 1;
        for (int i = 0; i < cols.size(); i++) {
            if (widths[i] == 0) {
                continue;
            }
            String title = cols.get(i).rightAligned() ? Text.padLeft(cols.get(i).title(), widths[i]) : cols.get(i).title();
            c.put(x, pane.top() + 1, title, Style.COLUMN_HEADER, widths[i]);
            x += widths[i] + gap;
        }
        for (int r = first; r < last; r++) {
            int row = pane.firstRow() + (r - first);
            Style override = r == cursor ? Style.CURSOR : null;
            if (r == ghost) {
                c.put(0, row, "›", Style.DIM);
            }
            if (override != null) {
                c.fill(0, row, c.width, override);
            }
            List<List<Seg>> cells = table.rows().get(r);
            x = 1;
            for (int i = 0; i < cols.size(); i++) {
                if (widths[i] == 0) {
                    continue;
                }
                List<Seg> cell = cells.get(i);
                int w = Seg.width(cell);
                int start = cols.get(i).rightAligned() && w < widths[i] ? x + widths[i] - w : x;
                c.segs(start, row, cell, widths[i] - (start - x), override);
                x += widths[i] + gap;
            }
        }
    }

    private static void flash(Canvas c, DashboardState s, int row) {
        Flash f = s.flash();
        if (f != null && f.shownAt(s.now())) {
            c.put(1, row, (f.error() ? "✖ " : "✓ ") + f.text(), f.error() ? Style.FLASH_ERROR : Style.FLASH_INFO, c.width - 2);
            return;
        }
        Snapshot snap = s.snapshot();
        if (snap.configError() != null) {
            c.put(1, row, "✖ config: " + snap.configError() + " (bridges keep the last good config; e edits)",
                    Style.FLASH_ERROR, c.width - 2);
            return;
        }
        if (s.mode().notice() != null && s.marks().isEmpty()) {
            String home = s.mode().home();
            c.put(1, row, "● " + (home == null || home.isEmpty() ? s.mode().notice() : s.mode().notice().replace(home + "/", "~/")),
                    Style.ACCENT, c.width - 2);
            return;
        }
        if (!s.marks().isEmpty()) {
            List<String> marked = snap.sessions().stream().map(Session::name).filter(s.marks()::contains).toList();
            c.segs(1, row, List.of(Seg.of("✓ " + Words.names(marked), Style.MARK),
                    Seg.of(" marked: actions apply to " + (marked.size() == 1 ? "it" : "them") + "; u clears", Style.DIM)),
                    c.width - 2, null);
        }
    }

}
