package dev.detour.tui.view;

import dev.detour.tui.Fixtures;
import dev.detour.tui.Screens;

import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Effect;
import dev.detour.tui.model.KeyBinding;
import dev.detour.tui.model.Context;
import dev.detour.tui.model.Keymap;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Update;
import dev.detour.tui.view.Render;
import dev.detour.tui.view.Text;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.key;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderTest {
    static DashboardState state(int w, int h, Mode mode) {
        return DashboardState.initial(Fixtures.snapshot(), mode, new TerminalSize(w, h), Fixtures.NOW);
    }

    static final Mode DEMO = new Mode(false, true, true);

    @Test
    void at80x24EverythingAnIncidentNeedsIsOnScreen() {
        try (Screens s = new Screens(80, 24)) {
            String screen = s.draw(state(80, 24, DEMO));
            assertTrue(s.line(0).contains("detour") && s.line(0).contains("LIVE") && s.line(0).contains("12:00:00")
                    || s.line(0).matches(".*\\d\\d:\\d\\d:\\d\\d.*"), s.line(0));
            assertTrue(s.line(0).contains("sessions 3") && s.line(0).contains("upstreams 3"), s.line(0));
            assertTrue(s.line(1).contains("Sessions 3") && s.line(1).contains("stats 1s ago"), s.line(1));
            for (String col : List.of("SESSION", "BRIDGE", "ROUTE", "VIA", "ERR%")) {
                assertTrue(s.line(2).contains(col), col + " in " + s.line(2));
            }
            assertFalse(s.line(2).contains("PORT"), "the least important columns drop first: " + s.line(2));
            assertTrue(s.line(3).contains("main") && s.line(3).contains("● running") && s.line(3).contains("anthropic › corp-proxy")
                    && s.line(3).contains("↪ corp-proxy"), s.line(3));
            assertTrue(s.line(5).contains("docs") && s.line(5).contains("○ stopped"), s.line(5));
            int up = s.rowOf("Upstreams 3");
            assertTrue(up > 5, screen);
            assertTrue(s.line(up + 2).contains("anthropic") && s.line(up + 2).contains("✖ down") && s.line(up + 2).contains("overloaded"),
                    s.line(up + 2));
            assertTrue(s.line(up + 3).contains("● healthy"), s.line(up + 3));
            assertTrue(screen.contains("Advice & events") && screen.contains("→ anthropic: overloaded"), screen);
            assertTrue(screen.contains("failover") && screen.contains("anthropic → corp-proxy"), screen);
            assertTrue(s.line(23).contains("r reroute") && s.line(23).contains("? help") && s.line(23).contains("q quit"), s.line(23));
            for (int row = 0; row < 24; row++) {
                assertTrue(Text.width(s.line(row)) <= 80);
            }
            TextCharacter cursor = s.at(4, 3);
            assertEquals(TextColor.ANSI.CYAN, cursor.getBackgroundColor(), "the cursor row is highlighted");
            assertEquals(TextColor.ANSI.RED, s.at(s.line(up + 2).indexOf("✖"), up + 2).getForegroundColor(), "down is red");
        }
    }

    @Test
    void at120x40MoreColumnsAndTheStatusPageShow() {
        try (Screens s = new Screens(120, 40)) {
            String screen = s.draw(state(120, 40, DEMO));
            assertTrue(s.line(2).contains("FAMILY") && s.line(2).contains("REQ/M") && s.line(2).contains("LAST")
                    && s.line(2).contains("AGENTS"), s.line(2));
            assertTrue(s.line(3).contains("1 busy 1 idle") && s.line(3).contains("anthropic › corp-proxy › openai"), s.line(3));
            assertTrue(screen.contains("STATUS PAGE") && screen.contains("Elevated errors"), screen);
            assertTrue(s.line(0).contains("! 1 agent bypasses detour"), s.line(0));
            assertTrue(screen.contains("bypasses detour: start it with  detour run"), screen);
            assertTrue(s.line(0).contains("~/.config/detour/detour.toml") || s.line(0).contains("/home/dev/.config/detour/detour.toml")
                    || s.line(0).contains("…/detour.toml"), s.line(0));
        }
    }

    @Test
    void at60x12ItStillWorksAndBelowItSaysTooSmall() {
        try (Screens s = new Screens(60, 12)) {
            String screen = s.draw(state(60, 12, DEMO));
            assertTrue(screen.contains("main") && screen.contains("Upstreams"), screen);
            assertFalse(screen.contains("too small"), screen);
        }
        for (int[] size : new int[][]{{59, 12}, {60, 11}, {40, 8}}) {
            try (Screens s = new Screens(size[0], size[1])) {
                String screen = s.draw(state(size[0], size[1], DEMO));
                assertTrue(screen.contains("terminal too small: " + size[0] + "×" + size[1] + ", need 60×12"), screen);
                assertTrue(screen.contains("q quits"), screen);
                assertEquals(List.of(new Effect.Quit()), press(state(size[0], size[1], DEMO), ch('q')).effects());
            }
        }
    }

    @Test
    void aResizeInTheMiddleOfADialogKeepsTheDialogAndItsAnswer() {
        try (Screens s = new Screens(120, 40)) {
            DashboardState open = press(state(120, 40, DEMO), ch(' '), ch(' '), ch('b')).state();
            String big = s.draw(open);
            assertTrue(big.contains("Restart bridge main and api (2 agents attached)?"), big);
            s.terminal.setTerminalSize(new TerminalSize(80, 24));
            String small = s.draw(open.withSize(new TerminalSize(80, 24)));
            assertTrue(small.contains("Restart bridge") && small.contains("[ Cancel ]") && small.contains("[ Restart ]"), small);
            int buttons = s.rowOf("[ Cancel ]");
            int cancelAt = s.line(buttons).indexOf("[ Cancel ]");
            assertEquals(TextColor.ANSI.CYAN, s.at(cancelAt + 2, buttons).getBackgroundColor(), "Cancel keeps the focus");
            s.terminal.setTerminalSize(new TerminalSize(50, 10));
            assertTrue(s.draw(open.withSize(new TerminalSize(50, 10))).contains("too small"));
            s.terminal.setTerminalSize(new TerminalSize(80, 24));
            assertTrue(s.draw(open.withSize(new TerminalSize(80, 24))).contains("[ Restart ]"), "the dialog comes back");
            assertEquals(List.of(new Effect.RestartBridges(List.of("main", "api"))),
                    Update.apply(open.withSize(new TerminalSize(80, 24)), ch('y')).effects());
        }
    }

    @Test
    void theFilterPromptShowsAndHidesRows() {
        try (Screens s = new Screens(80, 24)) {
            DashboardState typing = press(state(80, 24, DEMO), ch('/'), ch('d'), ch('o')).state();
            String screen = s.draw(typing);
            assertTrue(s.line(1).contains("Sessions 1/3") && s.line(1).contains("/do"), s.line(1));
            assertTrue(screen.contains("docs"));
            assertTrue(s.line(3).contains("docs") && !s.line(4).contains("main") && !s.line(5).contains("main"), screen);
            assertTrue(s.line(23).contains("enter keep") && s.line(23).contains("esc"), s.line(23));
            String none = s.draw(press(typing, ch('z'), key(KeyType.Enter)).state());
            assertTrue(none.contains("no session matches \"doz\""), none);
        }
    }

    @Test
    void theHelpListsEveryKeyOfTheKeymap() {
        try (Screens s = new Screens(120, 40)) {
            String screen = s.draw(press(state(120, 40, DEMO), ch('?')).state());
            for (KeyBinding b : Keymap.of(Context.MAIN, true)) {
                assertTrue(screen.contains(b.label()) && screen.contains(Text.fit(b.description(), 60).replace("…", "")),
                        b.label() + " missing from\n" + screen);
            }
        }
        try (Screens s = new Screens(80, 24)) {
            DashboardState help = press(state(80, 24, DEMO), ch('?')).state();
            Set<String> seen = new LinkedHashSet<>();
            for (int page = 0; page < 6; page++) {
                String screen = s.draw(help);
                for (KeyBinding b : Keymap.of(Context.MAIN, true)) {
                    if (screen.contains(b.label() + " ")) {
                        seen.add(b.label());
                    }
                }
                help = press(help, key(KeyType.PageDown)).state();
            }
            assertEquals(Keymap.of(Context.MAIN, true).size(), seen.size(), "scrolling the help at 80×24 shows every key: " + seen);
        }
    }

    @Test
    void theFooterComesFromTheKeymapAndReadOnlyHidesWhatIsOff() {
        DashboardState s = state(200, 30, Mode.DEFAULT);
        for (KeyBinding b : Keymap.available(false, false)) {
            if (b.hint() != null) {
                assertTrue(Footer.contextHints(s).stream().anyMatch(h -> h[1].equals(b.hint())), b.hint());
            }
        }
        DashboardState ro = state(200, 30, new Mode(true, false, true));
        assertTrue(Footer.contextHints(ro).stream().noneMatch(h -> h[1].equals("reroute")));
        try (Screens screen = new Screens(80, 24)) {
            assertTrue(screen.draw(state(80, 24, new Mode(true, false, true))).lines().findFirst().orElse("").contains("read-only"));
        }
    }

    @Test
    void pickerDialogShowsHealthAndFamilies() {
        try (Screens s = new Screens(80, 24)) {
            String screen = s.draw(press(state(80, 24, DEMO), ch(' '), ch(' '), ch('r')).state());
            assertTrue(screen.contains("Reroute main and api to"), screen);
            int proxy = s.rowOf("● corp-proxy");
            int anthropic = s.rowOf("✖ anthropic");
            int other = s.rowOf("other family");
            int openai = s.rowOf("▲ openai");
            assertTrue(proxy < anthropic && anthropic < other && other < openai, screen);
            assertTrue(s.line(anthropic).contains("current"), s.line(anthropic));
            assertEquals(TextColor.ANSI.CYAN, s.at(s.line(proxy).indexOf("corp-proxy"), proxy).getBackgroundColor());
        }
    }

    @Test
    void detailsShowRequestsAgentsAndProbes() {
        try (Screens s = new Screens(120, 40)) {
            String session = s.draw(press(state(120, 40, DEMO), key(KeyType.Enter)).state());
            assertTrue(session.contains("Session main") && session.contains("Breakers") && session.contains("open")
                    && session.contains("pid 4242") && session.contains("work:1.0") && session.contains("Recent requests 12")
                    && session.contains("529") && session.contains("claude-sonnet-4-5"), session);
            String upstream = s.draw(press(state(120, 40, DEMO), key(KeyType.Tab), key(KeyType.Enter)).state());
            assertTrue(upstream.contains("Upstream anthropic") && upstream.contains("Probe ladder") && upstream.contains("http     529")
                    && upstream.contains("routed here") && upstream.contains("main, api"), upstream);
        }
    }

    @Test
    void noColorMeansDefaultColoursEverywhereButStillAVisibleCursor() {
        try (Screens s = new Screens(80, 24)) {
            s.draw(state(80, 24, new Mode(false, true, false)));
            for (int row = 0; row < 24; row++) {
                for (int col = 0; col < 80; col++) {
                    TextCharacter ch = s.at(col, row);
                    assertEquals(TextColor.ANSI.DEFAULT, ch.getForegroundColor(), "fg at " + col + "," + row);
                    assertEquals(TextColor.ANSI.DEFAULT, ch.getBackgroundColor(), "bg at " + col + "," + row);
                }
            }
            assertTrue(s.at(4, 3).isReversed(), "the cursor row is reverse video");
        }
    }

    @Test
    void staleDataIsMarked() {
        try (Screens s = new Screens(80, 24)) {
            DashboardState later = state(80, 24, DEMO).at(Fixtures.NOW.plusSeconds(30));
            s.draw(later);
            assertTrue(s.line(1).contains("stats stale"), s.line(1));
            assertNotEquals(-1, s.rowOf("probed 34s ago"), "health polls every 15 s: 34 s is not stale yet");
        }
    }
}
