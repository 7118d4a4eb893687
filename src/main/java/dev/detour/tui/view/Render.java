package dev.detour.tui.view;

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
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Render() {
    }

    public static void render(DashboardState state, TextGraphics graphics, TerminalSize size) {
        DashboardState s = state.size().equals(size) ? state : state.withSize(size);
        Canvas c = new Canvas(graphics, Theme.of(s.mode().color()), size.getColumns(), size.getRows());
        c.fill(0, 0, 0, Style.NORMAL);
        Theme.of(s.mode().color()).apply(graphics, Style.NORMAL);
        graphics.fill(' ');
        Layout layout = s.layout();
        if (layout.tooSmall()) {
            tooSmall(c, size);
            return;
        }
        header(c, s);
        if (s.overlay() instanceof Overlay.Details d) {
            Details.render(c, s, d, layout);
        } else {
            sessions(c, s, layout.sessions());
            upstreams(c, s, layout.upstreams());
            events(c, s, layout.events());
        }
        flash(c, s, layout.flashRow());
        footer(c, s, layout.footerRow());
        if (s.overlay() instanceof Overlay.Picker p) {
            Dialogs.picker(c, s, p);
        } else if (s.overlay() instanceof Overlay.Confirm confirm) {
            Dialogs.confirm(c, confirm);
        } else if (s.overlay() instanceof Overlay.Help h) {
            Dialogs.help(c, s, h);
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

    private static void header(Canvas c, DashboardState s) {
        Snapshot snap = s.snapshot();
        List<Seg> left = new ArrayList<>();
        left.add(Seg.of(" detour", Style.BRAND));
        if (s.mode().demo()) {
            left.add(Seg.of(" demo", Style.WARN));
        }
        if (s.mode().readOnly()) {
            left.add(Seg.of(" read-only", Style.WARN));
        }

        List<Seg> counts = new ArrayList<>();
        int running = 0;
        int down = 0;
        int other = 0;
        for (Session session : snap.sessions()) {
            switch (snap.bridge(session.name()).state()) {
                case RUNNING -> running++;
                case CRASHED, STOPPED -> down++;
                default -> other++;
            }
        }
        counts.add(Seg.of("  sessions ", Style.DIM));
        counts.add(Seg.of(String.valueOf(snap.sessions().size()), Style.BOLD));
        addCount(counts, "●", running, Style.OK);
        addCount(counts, "▲", other, Style.WARN);
        addCount(counts, "○", down, Style.BAD);
        int[] byState = new int[HealthState.values().length];
        for (String name : snap.config().upstreams().keySet()) {
            byState[snap.upstream(name).state().ordinal()]++;
        }
        counts.add(Seg.of("  upstreams ", Style.DIM));
        counts.add(Seg.of(String.valueOf(snap.config().upstreams().size()), Style.BOLD));
        for (HealthState st : HealthState.values()) {
            addCount(counts, st.glyph(), byState[st.ordinal()], SessionTable.stateStyle(st, true));
        }
        int bypassing = snap.bypassing().size();

        String clock = LocalTime.ofInstant(s.now(), ZoneId.systemDefault()).format(CLOCK);
        List<Seg> right = s.paused()
                ? List.of(Seg.of(" PAUSED ", Style.PAUSED), Seg.of(" " + clock + " ", Style.BOLD))
                : List.of(Seg.of("● LIVE", Style.LIVE), Seg.of(" " + clock + " ", Style.BOLD));
        int rightW = Seg.width(right);
        int x = c.segs(0, 0, left, c.width - rightW - 1, null);
        if (bypassing > 0) {
            String full = "  ! " + Update.plural(bypassing, "agent") + (bypassing == 1 ? " bypasses" : " bypass") + " detour";
            String brief = "  ! " + bypassing + " bypassing";
            int free = c.width - rightW - 1 - x - Seg.width(counts);
            if (Text.width(full) <= free - 10) {
                counts.add(Seg.of(full, Style.BAD));
            } else if (Text.width(brief) <= free) {
                counts.add(Seg.of(brief, Style.BAD));
            }
        }
        int countsW = Seg.width(counts);
        int room = c.width - rightW - 1 - x;
        int pathRoom = room - countsW;
        String path = shortPath(snap.configFile().toString());
        String fileName = "  …/" + snap.configFile().getFileName();
        if (Text.width("  " + path) <= pathRoom) {
            x = c.put(x, 0, "  " + path, Style.DIM);
        } else if (Text.width(fileName) <= pathRoom) {
            x = c.put(x, 0, fileName, Style.DIM);
        }
        c.segs(x, 0, counts, c.width - rightW - 1 - x, null);
        c.segsRight(c.width, 0, right, null);
    }

    private static void addCount(List<Seg> segs, String glyph, int n, Style style) {
        if (n > 0) {
            segs.add(Seg.of(" " + glyph + n, style));
        }
    }

    /** "claude" for "/tmp/cc/node_modules/.bin/claude -p say hi". */
    static String programName(String command) {
        if (command == null || command.isBlank()) {
            return "agent";
        }
        String first = command.strip().split("\\s+")[0];
        return first.substring(first.lastIndexOf('/') + 1);
    }

    static String shortPath(String path) {
        String home = System.getProperty("user.home");
        return home != null && !home.isEmpty() && path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
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

    private static List<Seg> freshness(DashboardState s, Source source, String what) {
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

    private static void events(Canvas c, DashboardState s, Layout.Pane pane) {
        if (pane.height() == 0) {
            return;
        }
        Snapshot snap = s.snapshot();
        titleLine(c, pane.top(), snap.advice().isEmpty() && snap.bypassing().isEmpty() ? "Events" : "Advice & events", false, List.of(),
                freshness(s, Source.EVENTS, "events"));
        int row = pane.firstRow();
        int end = pane.top() + pane.height();
        List<String> advices = new ArrayList<>(snap.advice());
        for (AgentView a : snap.bypassing()) {
            String program = programName(a.command());
            advices.add("agent pid " + a.pid() + " (" + program + (a.cwd() == null ? "" : " in " + shortPath(a.cwd()))
                    + ") bypasses detour: start it with  detour run SESSION -- " + program);
        }
        for (String advice : advices) {
            if (row >= end) {
                return;
            }
            c.segs(1, row++, List.of(Seg.of("→ ", Style.WARN), Seg.of(advice, Style.BOLD)), c.width - 2, null);
        }
        List<Event> events = snap.events();
        if (events.isEmpty() && row < end) {
            c.put(1, row, "no events yet: reroutes, failovers, breaker changes and bridge exits appear here", Style.DIM);
        }
        for (int i = events.size() - 1; i >= 0 && row < end; i--) {
            c.segs(1, row++, eventLine(events.get(i)), c.width - 2, null);
        }
    }

    static List<Seg> eventLine(Event e) {
        String time = e.time() == null ? "--:--:--" : LocalTime.ofInstant(e.time(), ZoneId.systemDefault()).format(CLOCK);
        Style kindStyle = switch (e.kind() == null ? "" : e.kind()) {
            case "bridge_exit", "config_error" -> Style.BAD;
            case "failover", "breaker", "bridge_restart", "health" -> Style.WARN;
            case "bridge_start" -> Style.OK;
            default -> Style.ACCENT;
        };
        List<Seg> segs = new ArrayList<>();
        segs.add(Seg.of(time + "  ", Style.DIM));
        segs.add(Seg.of(Text.pad(e.kind() == null ? "?" : e.kind(), 14), kindStyle));
        if (e.session() != null) {
            segs.add(Seg.of(Text.pad(e.session(), 10), Style.BOLD));
        }
        if (e.from() != null && e.to() != null) {
            segs.add(Seg.of(e.from() + " → " + e.to()));
        } else if (e.from() != null || e.to() != null) {
            segs.add(Seg.of(e.from() != null ? e.from() : e.to()));
        }
        if (e.reason() != null) {
            segs.add(Seg.of("  " + e.reason(), Style.DIM));
        }
        return segs;
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
        if (!s.marks().isEmpty()) {
            List<String> marked = snap.sessions().stream().map(Session::name).filter(s.marks()::contains).toList();
            c.segs(1, row, List.of(Seg.of("✓ " + Update.names(marked), Style.MARK),
                    Seg.of(" marked: actions apply to " + (marked.size() == 1 ? "it" : "them") + "; u clears", Style.DIM)),
                    c.width - 2, null);
        }
    }

    private static void footer(Canvas c, DashboardState s, int row) {
        List<Seg> segs = new ArrayList<>();
        for (String[] hint : contextHints(s)) {
            if (!segs.isEmpty()) {
                segs.add(Seg.of("  "));
            }
            segs.add(Seg.of(hint[0], Style.KEY));
            segs.add(Seg.of(" " + hint[1], Style.DIM));
        }
        c.segs(1, row, segs, c.width - 2, null);
    }

    /** The footer's hints: the keymap's in the main view, the dialog's own keys in a dialog. */
    static List<String[]> contextHints(DashboardState s) {
        Overlay o = s.overlay();
        if (o instanceof Overlay.Picker) {
            return List.of(new String[]{"j/k", "choose"}, new String[]{"enter", "reroute"}, new String[]{"esc q", "cancel"});
        }
        if (o instanceof Overlay.Confirm) {
            return List.of(new String[]{"y", "confirm"}, new String[]{"n esc q", "cancel"}, new String[]{"tab", "switch button"});
        }
        if (o instanceof Overlay.Help) {
            return List.of(new String[]{"j/k PgUp/PgDn", "scroll"}, new String[]{"q esc ?", "close"});
        }
        if (o instanceof Overlay.Filtering) {
            return List.of(new String[]{"type", "to filter"}, new String[]{"enter", "keep"}, new String[]{"esc", "undo filter"},
                    new String[]{"backspace", "erase"});
        }
        if (o instanceof Overlay.Details d) {
            List<String[]> hints = new ArrayList<>();
            hints.add(new String[]{"j/k", "scroll"});
            if (d.kind() == Focus.SESSIONS && !s.mode().readOnly()) {
                hints.add(new String[]{"r", "reroute"});
                hints.add(new String[]{"f", "family"});
                hints.add(new String[]{"b", "restart"});
            }
            if (d.kind() == Focus.UPSTREAMS && s.mode().demo()) {
                hints.add(new String[]{"x", "fault"});
            }
            hints.add(new String[]{"q esc", "back"});
            return hints;
        }
        List<KeyBinding> available = Keymap.available(s.mode().demo(), s.mode().readOnly());
        List<String[]> hints = new ArrayList<>();
        for (KeyBinding b : available) {
            if (b.hint() != null) {
                hints.add(new String[]{b.label().split(" ")[0], b.hint()});
            }
        }
        return fitHints(hints, s.size().getColumns() - 2);
    }

    /** The footer hints dropped first when the terminal is narrow; the rest (reroute, help, quit...) stay longest. */
    private static final List<String> DROP_ORDER = List.of("tab", "pause", "edit", "start/stop", "undo", "details",
            "filter", "mark", "fault", "family", "restart");

    static List<String[]> fitHints(List<String[]> hints, int width) {
        List<String[]> kept = new ArrayList<>(hints);
        for (String drop : DROP_ORDER) {
            if (hintsWidth(kept) <= width) {
                break;
            }
            kept.removeIf(h -> h[1].equals(drop));
        }
        return kept;
    }

    private static int hintsWidth(List<String[]> hints) {
        int w = 0;
        for (String[] h : hints) {
            w += Text.width(h[0]) + 1 + Text.width(h[1]) + 2;
        }
        return w - 2;
    }
}
