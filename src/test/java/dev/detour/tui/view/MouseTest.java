package dev.detour.tui.view;

import dev.detour.journal.Event;
import dev.detour.tui.Fixtures;
import dev.detour.tui.Screens;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Focus;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Step;
import dev.detour.tui.model.Update;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mouse in the pure update, checked against where the render really put each row (80×24 and 200×50). */
class MouseTest {
    static final Mode DEMO = new Mode(false, true, true);

    static DashboardState state(Snapshot snapshot, int w, int h) {
        return DashboardState.initial(snapshot, DEMO, new TerminalSize(w, h), Fixtures.NOW);
    }

    static MouseAction click(int col, int row) {
        return new MouseAction(MouseActionType.CLICK_DOWN, 1, new TerminalPosition(col, row));
    }

    static MouseAction wheel(boolean down, int row) {
        return new MouseAction(down ? MouseActionType.SCROLL_DOWN : MouseActionType.SCROLL_UP, down ? 5 : 4,
                new TerminalPosition(10, row));
    }

    @Test
    void aClickOnATableRowSelectsItAndFocusesItsTable() {
        for (int[] size : new int[][]{{80, 24}, {200, 50}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                DashboardState start = state(Fixtures.snapshot(), size[0], size[1]);
                s.draw(start);
                int docs = s.rowOf(" docs ");
                DashboardState onDocs = Update.apply(start, click(20, docs)).state();
                assertEquals("docs", onDocs.sessionCursor(), s.text());
                assertEquals(Focus.SESSIONS, onDocs.focus());
                s.draw(onDocs);
                assertEquals(TextColor.ANSI.CYAN, s.at(4, docs).getBackgroundColor(), "the clicked row is the cursor row");

                int openai = -1;
                for (int row = s.rowOf("Upstreams 3"); row < size[1]; row++) {
                    if (s.line(row).contains("openai")) {
                        openai = row;
                        break;
                    }
                }
                DashboardState onOpenai = Update.apply(onDocs, click(3, openai)).state();
                assertEquals(Focus.UPSTREAMS, onOpenai.focus(), s.text());
                assertEquals("openai", onOpenai.upstreamCursor());
                assertEquals("docs", onOpenai.sessionCursor(), "the sessions cursor stays where it was");
                DashboardState title = Update.apply(onOpenai, click(5, s.rowOf("Sessions 3"))).state();
                assertEquals(Focus.SESSIONS, title.focus(), "a click on a table's title focuses it");
            }
        }
    }

    @Test
    void theWheelMovesTheCursorOfTheTableUnderThePointerAndTheTableScrolls() {
        DashboardState start = state(Fixtures.many(40), 80, 24);
        int sessionsRow = start.layout().sessions().firstRow();
        DashboardState down = Update.apply(Update.apply(start, wheel(true, sessionsRow)).state(), wheel(true, sessionsRow)).state();
        assertEquals("s6", down.sessionCursor());
        DashboardState far = down;
        for (int i = 0; i < 5; i++) {
            far = Update.apply(far, wheel(true, sessionsRow)).state();
        }
        assertEquals("s21", far.sessionCursor());
        assertTrue(far.sessionTop() > 0, "the table scrolled to keep the cursor in view");
        assertEquals("s18", Update.apply(far, wheel(false, sessionsRow)).state().sessionCursor());
        int upstreamRow = start.layout().upstreams().firstRow();
        DashboardState upstreams = Update.apply(start, wheel(true, upstreamRow)).state();
        assertEquals(Focus.UPSTREAMS, upstreams.focus());
        assertEquals("openai", upstreams.upstreamCursor(), "three rows down, stopped at the last upstream");
    }

    @Test
    void releasesDragsAndOtherButtonsChangeNothingAndSayNothing() {
        DashboardState start = state(Fixtures.snapshot(), 80, 24);
        int api = start.layout().sessions().firstRow() + 1;
        for (MouseAction m : List.of(new MouseAction(MouseActionType.CLICK_RELEASE, 1, new TerminalPosition(5, api)),
                new MouseAction(MouseActionType.DRAG, 1, new TerminalPosition(5, api)),
                new MouseAction(MouseActionType.CLICK_DOWN, 3, new TerminalPosition(5, api)))) {
            Step step = Update.apply(start, m);
            assertSame(start, step.state(), m.toString());
            assertTrue(step.effects().isEmpty());
        }
    }

    @Test
    void inThePickerAClickSelectsTheUpstreamOnThatLineAndTheWheelMovesTheCursor() {
        for (int[] size : new int[][]{{80, 24}, {200, 50}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                DashboardState picker = press(state(Fixtures.snapshot(), size[0], size[1]), ch('r')).state();
                Overlay.Picker p = assertInstanceOf(Overlay.Picker.class, picker.overlay());
                s.draw(picker);
                for (String name : p.options()) {
                    int row = -1;
                    for (int r = 0; r < size[1]; r++) {
                        if (s.line(r).contains(" " + name + " ") && !s.line(r).contains("Reroute")) {
                            row = r;
                        }
                    }
                    DashboardState chosen = Update.apply(picker, click(size[0] / 2, row)).state();
                    Overlay.Picker after = assertInstanceOf(Overlay.Picker.class, chosen.overlay());
                    assertEquals(name, after.options().get(after.cursor()), s.text());
                }
                int header = s.rowOf("other family");
                assertSame(picker, Update.apply(picker, click(size[0] / 2, header)).state(), "the family header is no option");
                DashboardState top = Update.apply(picker, click(size[0] / 2, s.rowOf(" " + p.options().get(0) + " "))).state();
                Overlay.Picker wheeled = (Overlay.Picker) Update.apply(top, wheel(true, 10)).state().overlay();
                assertEquals(1, wheeled.cursor(), "the wheel moves the picker's cursor one upstream");
            }
        }
    }

    @Test
    void inTheEventsViewAClickSelectsTheLineAndTheWheelScrolls() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(new Event(Fixtures.NOW.minusSeconds(600 - i * 10L), i % 2 == 0 ? "reroute" : "health", "s" + i,
                    "anthropic", "corp-proxy", "event " + i));
        }
        Snapshot snapshot = Fixtures.snapshot().withEvents(events, new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(1)));
        for (int[] size : new int[][]{{80, 24}, {200, 50}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                DashboardState view = press(state(snapshot, size[0], size[1]), ch('v')).state();
                s.draw(view);
                int row = s.rowOf("event 50");
                DashboardState clicked = Update.apply(view, click(30, row)).state();
                Overlay.Events e = assertInstanceOf(Overlay.Events.class, clicked.overlay());
                assertTrue(e.selected() >= 0);
                s.draw(clicked);
                assertEquals(TextColor.ANSI.CYAN, s.at(2, row).getBackgroundColor(), "the clicked line is highlighted: " + s.text());
                assertTrue(s.line(row).contains("event 50"));
                DashboardState scrolled = Update.apply(clicked, wheel(true, row)).state();
                assertEquals(3, ((Overlay.Events) scrolled.overlay()).top(), "the wheel scrolls three lines");
                s.draw(scrolled);
                assertTrue(s.text().contains("event 56") && !s.text().contains("event 58"), "newest first, three lines down: " + s.text());
                assertEquals(e.selected(), ((Overlay.Events) scrolled.overlay()).selected(), "scrolling keeps the selection");
                assertEquals(0, ((Overlay.Events) Update.apply(scrolled, wheel(false, row)).state().overlay()).top());
            }
        }
    }

    @Test
    void theWheelScrollsTheDetailsAndTheHelpAndAClickOnAConfirmationDoesNothing() {
        DashboardState start = state(Fixtures.snapshot(), 80, 24);
        DashboardState details = press(start, com.googlecode.lanterna.input.KeyStroke.fromString("<Enter>")).state();
        assertInstanceOf(Overlay.Details.class, details.overlay());
        assertEquals(3, ((Overlay.Details) Update.apply(details, wheel(true, 10)).state().overlay()).top());
        DashboardState help = press(start, ch('?')).state();
        assertEquals(3, ((Overlay.Help) Update.apply(help, wheel(true, 10)).state().overlay()).top());
        DashboardState confirm = press(start, ch('b')).state();
        assertInstanceOf(Overlay.Confirm.class, confirm.overlay());
        assertSame(confirm, Update.apply(confirm, click(40, 12)).state(), "a dialog that asks is answered with keys");
        assertNull(Update.apply(start, click(40, 12)).state().flash(), "a click says nothing");
    }
}
