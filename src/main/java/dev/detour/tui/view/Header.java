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

/** The header line: name, mode, config path, counts per state, bypassing agents, LIVE/PAUSED and the clock. */
final class Header {
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Header() {
    }

    static void draw(Canvas c, DashboardState s) {
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

        String clock = LocalTime.ofInstant(s.now(), s.mode().zone()).format(CLOCK);
        List<Seg> right = s.paused()
                ? List.of(Seg.of(" PAUSED ", Style.PAUSED), Seg.of(" " + clock + " ", Style.BOLD))
                : List.of(Seg.of("● LIVE", Style.LIVE), Seg.of(" " + clock + " ", Style.BOLD));
        int rightW = Seg.width(right);
        int x = c.segs(0, 0, left, c.width - rightW - 1, null);
        if (bypassing > 0) {
            String full = "  ! " + Words.plural(bypassing, "agent") + (bypassing == 1 ? " bypasses" : " bypass") + " detour";
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
        String path = shortPath(snap.configFile().toString(), s.mode().home());
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

    static String shortPath(String path, String home) {
        return home != null && !home.isEmpty() && path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
    }
}
