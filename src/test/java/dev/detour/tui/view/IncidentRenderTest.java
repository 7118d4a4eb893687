package dev.detour.tui.view;

import com.googlecode.lanterna.TerminalSize;
import dev.detour.tui.Fixtures;
import dev.detour.tui.Screens;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Mode;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident rules on screen, at 80×24 and 200×50. */
class IncidentRenderTest {
    static final Mode DEMO = new Mode(false, true, true);

    static DashboardState state(int w, int h, Mode mode) {
        return DashboardState.initial(Fixtures.snapshot(), mode, new TerminalSize(w, h), Fixtures.NOW);
    }

    /** The screen's text with line breaks and the wrap's indentation folded into single spaces. */
    static String flat(String screen) {
        return screen.replaceAll("\\s+", " ");
    }

    @Test
    void theAdviceAndItsTargetAreOnScreenWholeAt80x24And200x50() {
        for (int[] size : new int[][]{{80, 24}, {200, 50}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                String screen = s.draw(state(size[0], size[1], DEMO));
                assertTrue(flat(screen).contains("anthropic: overloaded (529) → reroute main, api to corp-proxy (healthy, 180 ms)"),
                        screen);
                assertTrue(screen.contains("a applies"), screen);
            }
        }
    }

    @Test
    void theConfirmationOfAReadsWholeAt80x24() {
        try (Screens s = new Screens(80, 24)) {
            String screen = flat(s.draw(press(state(80, 24, DEMO), ch('a')).state()));
            assertTrue(screen.contains("Apply the advice") && screen.contains("Move main and api to corp-proxy (healthy, 180 ms)?")
                    && screen.contains("detour reroute main api --to corp-proxy") && screen.contains("[ Apply ]"), screen);
        }
    }

    @Test
    void theFooterCountsTheMarksAndTheEventsViewFillsTheScreen() {
        try (Screens s = new Screens(200, 50)) {
            String marked = s.draw(press(state(200, 50, DEMO), ch(' '), ch(' ')).state());
            assertTrue(s.line(49).contains("✓2 marked"), s.line(49));
            assertTrue(marked.contains("main and api marked"), marked);
            String events = s.draw(press(state(200, 50, DEMO), ch('v')).state());
            assertTrue(events.contains("Events") && events.contains("newest first") && events.contains("failover")
                    && events.contains("/ filters by session, upstream or kind"), events);
            assertTrue(s.line(49).contains("/ filter") && s.line(49).contains("q esc back"), s.line(49));
        }
    }

    @Test
    void withoutAUtf8LocaleEverySymbolIsAscii() {
        Mode ascii = new Mode(false, true, true, false, "/home/dev", ZoneId.of("UTC"));
        try (Screens s = new Screens(80, 24)) {
            String screen = s.draw(state(80, 24, ascii));
            assertTrue(screen.chars().allMatch(ch -> ch < 127), screen);
            assertTrue(screen.contains("> anthropic: overloaded (529) > reroute main, api"), screen);
        }
        try (Screens s = new Screens(200, 50)) {
            String screen = s.draw(state(200, 50, ascii));
            assertTrue(screen.contains("~/.config/detour/detour.toml"), "home from the mode, not the system: " + screen);
        }
    }

    @Test
    void quittingSaysWhichBridgesKeepRunning() {
        assertEquals(java.util.List.of("detour: 2 bridges keep running (stop them with `detour down`):",
                        "  main  127.0.0.1:8781  → anthropic, corp-proxy, openai", "  api  127.0.0.1:8782  → anthropic, corp-proxy"),
                QuitSummary.lines(state(80, 24, DEMO)));
    }

    @Test
    void theFirstRunNoticeShowsInsideTheDashboardWholeUntilAFlashCoversItAndAfter() {
        String notice = dev.detour.tui.shell.DashboardApp.firstRunNotice(java.nio.file.Path.of("/home/dev/.config/detour/detour.toml"));
        Mode firstRun = new Mode(false, false, true, true, "/home/dev", ZoneId.of("UTC")).withNotice(notice);
        for (int[] size : new int[][]{{80, 24}, {200, 50}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                DashboardState state = state(size[0], size[1], firstRun);
                String screen = s.draw(state);
                int row = s.rowOf("first run");
                assertEquals(size[1] - 2, row, screen);
                assertTrue(s.line(row).contains("● first run: created ~/.config/detour/detour.toml with defaults; e edits it"), s.line(row));
                DashboardState flashed = press(state, ch('p')).state();
                assertTrue(s.draw(flashed).contains("paused") && !s.text().contains("first run"), "a flash covers it for a while");
                assertTrue(s.draw(flashed.at(Fixtures.NOW.plusSeconds(10))).contains("first run"), "and it comes back");
                assertTrue(!s.draw(state(size[0], size[1], DEMO)).contains("first run"), "no notice when the config was there");
            }
        }
        assertEquals(null, dev.detour.tui.shell.DashboardApp.firstRunNotice(null));
    }
}
