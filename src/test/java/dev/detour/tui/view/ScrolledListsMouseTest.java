package dev.detour.tui.view;

import dev.detour.journal.Event;
import dev.detour.tui.Fixtures;
import dev.detour.tui.Screens;
import dev.detour.tui.model.AdviceView;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Focus;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.Snapshot;
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
import java.util.Map;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lists longer than the screen (the reroute picker on the smallest terminal, a long event journal) and the edges of
 * every clickable area: the cursor's line is always drawn, a click on a drawn line picks exactly what is drawn there,
 * and a click on a title, a border, a key hint or a blank line picks nothing.
 */
class ScrolledListsMouseTest {
    private static final Mode DEMO = new Mode(false, true, true);

    private static DashboardState state(Snapshot snapshot, int w, int h) {
        return DashboardState.initial(snapshot, DEMO, new TerminalSize(w, h), Fixtures.NOW);
    }

    private static MouseAction click(int col, int row) {
        return new MouseAction(MouseActionType.CLICK_DOWN, 1, new TerminalPosition(col, row));
    }

    private static MouseAction wheel(boolean down, int row) {
        return new MouseAction(down ? MouseActionType.SCROLL_DOWN : MouseActionType.SCROLL_UP, down ? 5 : 4,
                new TerminalPosition(10, row));
    }

    /** The option whose name is drawn on {@code row}, or null. */
    private static String optionDrawnOn(Screens s, Overlay.Picker p, int row) {
        String line = s.line(row);
        return p.options().stream().filter(name -> line.contains(" " + name + " ")).findFirst().orElse(null);
    }

    @Test
    void onTheSmallestScreenThePickerScrollsSoTheCursorIsAlwaysDrawnAndClicksPickWhatIsDrawn() {
        int width = 80;
        int height = 12;
        try (Screens s = new Screens(width, height)) {
            DashboardState open = press(state(Fixtures.manyUpstreams(), width, height), ch('r'), ch('g')).state();
            Overlay.Picker first = assertInstanceOf(Overlay.Picker.class, open.overlay());
            int options = first.options().size();
            for (int cursor = 0; cursor < options; cursor++) {
                DashboardState at = cursor == 0 ? open : press(open, repeat('j', cursor)).state();
                Overlay.Picker p = (Overlay.Picker) at.overlay();
                assertEquals(cursor, p.cursor());
                s.draw(at);
                int title = s.rowOf("Reroute main to");
                int hints = s.rowOf("healthiest first");
                assertTrue(title >= 1 && hints > title && hints < height - 1, "the whole box is on the screen: " + s.text());
                String name = p.options().get(cursor);
                int cursorRow = -1;
                for (int row = title + 1; row < hints; row++) {
                    if (name.equals(optionDrawnOn(s, p, row))) {
                        cursorRow = row;
                    }
                }
                assertTrue(cursorRow > title, "the cursor's option " + name + " is drawn: " + s.text());
                assertEquals(TextColor.ANSI.CYAN, s.at(width / 2, cursorRow).getBackgroundColor(), "and highlighted");

                for (int row = 0; row < height; row++) {
                    Overlay.Picker after = (Overlay.Picker) Update.apply(at, click(width / 2, row)).state().overlay();
                    String drawn = row > title && row < hints ? optionDrawnOn(s, p, row) : null;
                    if (drawn == null) {
                        assertEquals(cursor, after.cursor(), "row " + row + " shows no option: nothing changes\n" + s.text());
                    } else {
                        assertEquals(drawn, after.options().get(after.cursor()), "row " + row + "\n" + s.text());
                    }
                }
            }
            DashboardState bottom = press(open, ch('G')).state();
            s.draw(bottom);
            Overlay.Picker p = (Overlay.Picker) bottom.overlay();
            int hints = s.rowOf("healthiest first");
            assertEquals("oai", optionDrawnOn(s, p, hints - 2), "scrolled to the end, the last option is on the last line: " + s.text());
            String top = optionDrawnOn(s, p, s.rowOf("Reroute main to") + 1);
            assertTrue(top != null && !top.equals(p.options().get(0)), "the list scrolled by whole lines: " + s.text());
        }
    }

    private static com.googlecode.lanterna.input.KeyStroke[] repeat(char c, int times) {
        com.googlecode.lanterna.input.KeyStroke[] keys = new com.googlecode.lanterna.input.KeyStroke[times];
        java.util.Arrays.fill(keys, ch(c));
        return keys;
    }

    @Test
    void aClickOnTheFirstRowOfEachTableSelectsItAndOnATitleFocusesThatTable() {
        try (Screens s = new Screens(80, 24)) {
            DashboardState start = press(state(Fixtures.snapshot(), 80, 24), ch('G')).state();
            s.draw(start);
            int mainRow = s.rowOf(" main ");
            DashboardState onMain = Update.apply(start, click(20, mainRow)).state();
            assertEquals("main", onMain.sessionCursor(), s.text());
            int upstreamsTitle = s.rowOf("Upstreams 3");
            DashboardState onTitle = Update.apply(start, click(5, upstreamsTitle)).state();
            assertEquals(Focus.UPSTREAMS, onTitle.focus(), "the upstreams title focuses the upstreams: " + s.text());
            DashboardState lastUpstream = press(onTitle, ch('G')).state();
            assertEquals("openai", lastUpstream.upstreamCursor());
            int anthropicRow = start.layout().upstreams().firstRow();
            assertTrue(s.line(anthropicRow).contains("anthropic"), s.text());
            assertEquals("anthropic", Update.apply(lastUpstream, click(5, anthropicRow)).state().upstreamCursor());
        }
    }

    @Test
    void aClickOnTheBlankRowsUnderAShortSessionsTableFocusesItAndMovesNothing() {
        DashboardState filtered = state(Fixtures.snapshot(), 80, 24).withFilter("docs").withSessionCursor("docs")
                .withFocus(Focus.UPSTREAMS);
        int blank = filtered.layout().sessions().firstRow() + 1;
        assertTrue(blank < filtered.layout().upstreams().top(), "one session shown in a table of three rows");
        DashboardState clicked = Update.apply(filtered, click(10, blank)).state();
        assertEquals(Focus.SESSIONS, clicked.focus());
        assertEquals("docs", clicked.sessionCursor());
    }

    @Test
    void inTheEventsViewOnlyTheDrawnLinesAreClickableEvenWhenTheJournalShrank() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(new Event(Fixtures.NOW.minusSeconds(600 - i * 10L), "reroute", "s" + i, "anthropic", "corp-proxy",
                    "event " + i));
        }
        Snapshot.Freshness fresh = new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(1));
        try (Screens s = new Screens(80, 24)) {
            DashboardState view = press(state(Fixtures.snapshot().withEvents(events, fresh), 80, 24), ch('v')).state();
            s.draw(view);
            int first = s.rowOf("event 59");
            int rows = view.layout().bodyHeight() - 2;
            DashboardState onFirst = Update.apply(view, click(30, first)).state();
            assertEquals(0, ((Overlay.Events) onFirst.overlay()).selected(), "the newest line, drawn first: " + s.text());
            assertSame(view, Update.apply(view, click(30, first - 1)).state(), "the line above the list");
            assertSame(view, Update.apply(view, click(30, first + rows)).state(), "the line under the list");
            assertEquals(rows - 1, ((Overlay.Events) Update.apply(view, click(30, first + rows - 1)).state().overlay()).selected());

            DashboardState shrunk = view.withOverlay(new Overlay.Events(50, "", false))
                    .withSnapshot(view.snapshot().withEvents(events.subList(0, 30), fresh));
            s.draw(shrunk);
            int row = s.rowOf("event 10");
            DashboardState clicked = Update.apply(shrunk, click(30, row)).state();
            s.draw(clicked);
            assertEquals(TextColor.ANSI.CYAN, s.at(2, row).getBackgroundColor(), "the clicked line is the one highlighted: " + s.text());
            assertTrue(s.line(row).contains("event 10"));

            DashboardState few = view.withSnapshot(view.snapshot().withEvents(events.subList(0, 3), fresh));
            s.draw(few);
            int last = s.rowOf("event 0");
            assertSame(few, Update.apply(few, click(30, last + 1)).state(), "under the oldest of three events: nothing");
        }
    }

    @Test
    void theWheelMovesTheAdviceCursorAndAClickThereDoesNothing() {
        List<AdviceView> advice = List.of(
                new AdviceView("anthropic", "anthropic: down → reroute main to corp-proxy", "detour reroute main --to corp-proxy",
                        Map.of("corp-proxy", List.of("main"))),
                AdviceView.text("openai: degraded"));
        Snapshot snapshot = Fixtures.snapshot().withHealth(Fixtures.snapshot().upstreams(), advice,
                new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(15)));
        DashboardState list = press(state(snapshot, 80, 24), ch('A')).state();
        assertEquals(new Overlay.AdviceList(0), list.overlay());
        assertEquals(new Overlay.AdviceList(1), Update.apply(list, wheel(true, 10)).state().overlay());
        assertSame(list, Update.apply(list, click(10, 10)).state());
        assertNotEquals(list, Update.apply(list, wheel(true, 10)).state());
    }
}
