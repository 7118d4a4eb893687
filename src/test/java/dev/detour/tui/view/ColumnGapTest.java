package dev.detour.tui.view;

import dev.detour.journal.Event;
import dev.detour.tui.Fixtures;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Layout;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Snapshot;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every table keeps a blank column between its columns at every width from the minimum to 250, heights 24 to 50
 * (the demo-like sessions with long event kinds and names; 40 sessions at 24 and 50 rows, where the table scrolls).
 */
class ColumnGapTest {
    static final Mode DEMO = new Mode(false, true, true);

    @Test
    void noTwoColumnsTouchInAnyTableAtAnySize() {
        List<Event> events = new ArrayList<>(Fixtures.snapshot().events());
        events.add(new Event(Fixtures.NOW.minusSeconds(5), "bridge_restart", "documentation", null, null, "restarted"));
        events.add(new Event(Fixtures.NOW.minusSeconds(4), "config_changed", "a-long-session-name", "anthropic", "corp-proxy", null));
        Snapshot busy = Fixtures.snapshot().withEvents(events, new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(1)));
        List<Snapshot> snapshots = List.of(busy, Fixtures.many(40));
        List<String> problems = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            for (int h = 24; h <= 50; h += snapshot == busy ? 1 : 26) {
                Back s = new Back(250, h);
                for (int w = Layout.MIN_WIDTH; w <= 250; w++) {
                    DashboardState state = DashboardState.initial(snapshot, DEMO, new TerminalSize(w, h), Fixtures.NOW);
                    s.draw(state);
                    Layout layout = state.layout();
                    check(s, w, h, "sessions", SessionTable.of(state, state.visibleSessions()), layout.sessions(),
                            Math.min(state.visibleSessions().size(), layout.sessions().rows()), problems);
                    check(s, w, h, "upstreams", UpstreamTable.of(state), layout.upstreams(),
                            Math.min(state.upstreams().size(), layout.upstreams().rows()), problems);
                    for (int row = layout.events().firstRow(); row < layout.events().top() + layout.events().height(); row++) {
                        String line = s.line(row, w);
                        if (line.matches("\\s*\\d\\d:\\d\\d:\\d\\d  .*") && line.substring(11).matches("\\S{15,}.*")) {
                            problems.add(w + "×" + h + " events pane: the kind touches what follows: " + line);
                        }
                    }
                    if (problems.size() > 20) {
                        fail(String.join("\n", problems));
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The blank columns between a table's columns, as the render places them, on its header row and every row shown. */
    /** The screen's back buffer: the frame as drawn, without sending it to a terminal (10,000 frames stay quick). */
    static final class Back {
        final TerminalScreen screen;

        Back(int columns, int rows) {
            try {
                screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(columns, rows)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void draw(DashboardState state) {
            Render.render(state, screen.newTextGraphics(), state.size());
        }

        TextCharacter at(int col, int row) {
            return screen.getBackCharacter(col, row);
        }

        String line(int row, int width) {
            StringBuilder line = new StringBuilder();
            for (int col = 0; col < width; col++) {
                line.append(at(col, row).getCharacterString());
            }
            return line.toString().replaceAll("\\s+$", "");
        }
    }

    private static void check(Back s, int w, int h, String name, Table table, Layout.Pane pane, int shown, List<String> problems) {
        int inner = w - 2;
        int[] widths = table.widths(inner);
        int gap = ColumnFit.gap(inner);
        if (gap < 1) {
            problems.add(w + "×" + h + " " + name + ": no gap between columns");
        }
        int x = 1;
        int previous = -1;
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] == 0) {
                continue;
            }
            if (previous >= 0) {
                for (int row = pane.top() + 1; row < pane.firstRow() + shown; row++) {
                    for (int g = x - gap; g < x; g++) {
                        TextCharacter c = s.at(g, row);
                        if (c != null && !c.getCharacterString().equals(" ")) {
                            problems.add(w + "×" + h + " " + name + ": " + table.columns().get(previous).title().trim() + " touches "
                                    + table.columns().get(i).title().trim() + " at column " + g + ": " + s.line(row, w));
                            return;
                        }
                    }
                }
            }
            previous = i;
            x += widths[i] + gap;
        }
        if (x - gap > w - 1) {
            problems.add(w + "×" + h + " " + name + ": the columns end at " + (x - gap) + ", past the table's edge");
        }
    }
}
