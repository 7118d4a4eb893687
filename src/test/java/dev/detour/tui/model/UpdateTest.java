package dev.detour.tui.model;

import dev.detour.tui.Fixtures;
import dev.detour.route.RouteChanges;
import dev.detour.route.RouteRequest;

import dev.detour.tui.model.Action;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Effect;
import dev.detour.tui.model.Focus;
import dev.detour.tui.model.KeyBinding;
import dev.detour.tui.model.Keymap;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.Step;
import dev.detour.tui.model.Update;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.ctrl;
import static dev.detour.tui.Keys.key;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateTest {
    static DashboardState state(Mode mode) {
        return DashboardState.initial(Fixtures.snapshot(), mode, new TerminalSize(80, 24), Fixtures.NOW);
    }

    static DashboardState state() {
        return state(new Mode(false, true, true));
    }

    @Test
    void cursorMovesWithJkArrowsAndJumpsWithGg() {
        DashboardState s = state();
        assertEquals("main", s.sessionCursor());
        assertEquals("api", press(s, ch('j')).state().sessionCursor());
        assertEquals("docs", press(s, ch('j'), key(KeyType.ArrowDown)).state().sessionCursor());
        assertEquals("docs", press(s, ch('j'), ch('j'), ch('j'), ch('j')).state().sessionCursor(), "stops at the last row");
        assertEquals("api", press(s, ch('G'), ch('k')).state().sessionCursor());
        assertEquals("main", press(s, ch('G'), key(KeyType.ArrowUp), ch('g')).state().sessionCursor());
        assertEquals("docs", press(s, key(KeyType.PageDown)).state().sessionCursor());
        assertEquals("main", press(s, key(KeyType.End), key(KeyType.PageUp)).state().sessionCursor());
    }

    @Test
    void pagingScrollsAManySessionTableAndKeepsTheCursorInView() {
        DashboardState s = DashboardState.initial(Fixtures.many(500), Mode.DEFAULT, new TerminalSize(80, 24), Fixtures.NOW);
        int rows = s.layout().sessions().rows();
        DashboardState paged = press(s, key(KeyType.PageDown), key(KeyType.PageDown)).state();
        assertEquals("s" + 2 * (rows - 1), paged.sessionCursor());
        assertTrue(paged.sessionTop() > 0 && paged.sessionTop() <= 2 * (rows - 1));
        DashboardState bottom = press(s, ch('G')).state();
        assertEquals("s499", bottom.sessionCursor());
        assertEquals(500 - rows, bottom.sessionTop());
    }

    @Test
    void tabSwitchesTablesAndTheCursorKeysFollow() {
        DashboardState s = press(state(), key(KeyType.Tab)).state();
        assertEquals(Focus.UPSTREAMS, s.focus());
        assertEquals("anthropic", s.upstreamCursor());
        assertEquals("corp-proxy", press(s, ch('j')).state().upstreamCursor());
        assertEquals("main", press(s, ch('j')).state().sessionCursor(), "the sessions cursor stays");
        assertEquals(Focus.SESSIONS, press(s, key(KeyType.Tab)).state().focus());
    }

    @Test
    void spaceMarksAndMovesDownCtrlAMarksAllVisibleUClears() {
        DashboardState s = press(state(), ch(' ')).state();
        assertEquals(Set.of("main"), s.marks());
        assertEquals("api", s.sessionCursor());
        s = press(s, ch(' ')).state();
        assertEquals(List.of("main", "api"), s.targets());
        assertEquals(Set.of(), press(state(), ch(' '), ch('k'), ch(' ')).state().marks(), "space on a marked row unmarks it");
        assertEquals(Set.of("main", "api", "docs"), press(state(), ctrl('a')).state().marks());
        assertEquals(Set.of(), press(state(), ctrl('a'), ch('u')).state().marks());
        DashboardState filtered = state().withFilter("do");
        assertEquals(Set.of("docs"), press(filtered, ctrl('a')).state().marks(), "ctrl-a marks only what the filter shows");
    }

    @Test
    void actionsApplyToMarkedSessionsElseTheCursorRow() {
        assertEquals(List.of("main"), state().targets());
        assertEquals(List.of("api", "docs"), press(state(), ch('j'), ch(' '), ch(' ')).state().targets());
        Step flip = press(state(), ch('j'), ch(' '), ch(' '), ch('f'));
        Overlay.Confirm ask = assertInstanceOf(Overlay.Confirm.class, flip.state().overlay(), "another family: it asks first");
        assertTrue(ask.question().contains("api and docs would change model family, anthropic to openai"), ask.question());
        Step yes = press(flip.state(), ch('y'));
        assertEquals(List.of(new Effect.ChangeRoutes(new RouteRequest.SetFamily(List.of("api", "docs"), null), null)), yes.effects());
        assertTrue(yes.state().marks().isEmpty(), "the marks are cleared once the action runs");
    }

    @Test
    void reroutePickerListsSameFamilyHealthiestFirstAndAppliesToTheTargets() {
        Step open = press(state(), ch(' '), ch(' '), ch('r'));
        Overlay.Picker picker = assertInstanceOf(Overlay.Picker.class, open.state().overlay());
        assertEquals(List.of("main", "api"), picker.sessions());
        assertEquals(List.of("corp-proxy", "anthropic", "openai"), picker.options(),
                "same family (anthropic) first, healthy before down; the other family last");
        assertEquals("corp-proxy", picker.options().get(picker.cursor()), "the cursor starts off the current upstream");
        Step applied = Update.apply(open.state(), key(KeyType.Enter));
        assertNull(applied.state().overlay());
        assertEquals(List.of(new Effect.ChangeRoutes(new RouteRequest.Reroute(List.of("main", "api"), "corp-proxy"), null)),
                applied.effects(), "a healthy upstream of the same family: no question");
        assertTrue(applied.state().marks().isEmpty());
    }

    @Test
    void fromTheUpstreamsTableThePickerStartsOnTheSelectedUpstream() {
        Step open = press(state(), key(KeyType.Tab), ch('j'), ch('j'), ch('r'));
        Overlay.Picker picker = assertInstanceOf(Overlay.Picker.class, open.state().overlay());
        assertEquals("openai", picker.options().get(picker.cursor()));
        Step chosen = Update.apply(open.state(), key(KeyType.Enter));
        Overlay.Confirm ask = assertInstanceOf(Overlay.Confirm.class, chosen.state().overlay());
        assertTrue(ask.question().contains("openai is degraded (slow first token)")
                && ask.question().contains("main would change model family, anthropic to openai"), ask.question());
        assertEquals(List.of(new Effect.ChangeRoutes(new RouteRequest.Reroute(List.of("main"), "openai"), null)),
                Update.apply(chosen.state(), ch('y')).effects());
    }

    @Test
    void pickerCancelsWithEscQAndBackspace() {
        DashboardState open = press(state(), ch('r')).state();
        for (var k : List.of(key(KeyType.Escape), ch('q'), key(KeyType.Backspace))) {
            Step cancelled = Update.apply(open, k);
            assertNull(cancelled.state().overlay());
            assertTrue(cancelled.effects().isEmpty(), "q in a dialog means back, never quit");
        }
    }

    @Test
    void reroutingToADownUpstreamAsksFirstAndToTheCurrentOneChangesNothing() {
        Step toDown = press(state().withSessionCursor("docs"), ch('r'), key(KeyType.Enter));
        Overlay.Confirm confirm = assertInstanceOf(Overlay.Confirm.class, toDown.state().overlay());
        assertTrue(confirm.question().contains("anthropic") && confirm.question().contains("down"), confirm.question());
        assertTrue(toDown.effects().isEmpty());
        Step same = press(state(), ch('r'), ch('j'), key(KeyType.Enter));
        assertTrue(same.effects().isEmpty());
        assertTrue(same.state().flash().text().contains("already"), same.state().flash().text());
    }

    @Test
    void restartAsksWithCancelFocusedNamingSessionsAndAgents() {
        Step open = press(state(), ch(' '), ch(' '), ch('b'));
        Overlay.Confirm c = assertInstanceOf(Overlay.Confirm.class, open.state().overlay());
        assertFalse(c.yesFocused());
        assertTrue(c.question().contains("main and api") && c.question().contains("2 agents attached"), c.question());
        Step enter = Update.apply(open.state(), key(KeyType.Enter));
        assertTrue(enter.effects().isEmpty(), "enter on the focused Cancel cancels");
        assertNull(enter.state().overlay());
        for (var k : List.of(ch('n'), key(KeyType.Escape), ch('q'), key(KeyType.Backspace))) {
            Step no = Update.apply(open.state(), k);
            assertNull(no.state().overlay());
            assertTrue(no.effects().isEmpty());
        }
        assertEquals(List.of(new Effect.RestartBridges(List.of("main", "api"))), Update.apply(open.state(), ch('y')).effects());
        assertEquals(List.of(new Effect.RestartBridges(List.of("main", "api"))),
                press(open.state(), key(KeyType.Tab), key(KeyType.Enter)).effects(), "tab moves the focus to the button");
    }

    @Test
    void startStopStartsAStoppedBridgeAndAsksBeforeStoppingARunningOne() {
        Step start = press(state().withSessionCursor("docs"), ch('s'));
        assertEquals(List.of(new Effect.StartBridges(List.of("docs"))), start.effects());
        Step stop = press(state(), ch('s'));
        Overlay.Confirm c = assertInstanceOf(Overlay.Confirm.class, stop.state().overlay());
        assertTrue(c.question().startsWith("Stop bridge main (2 agents attached)"), c.question());
        assertEquals(List.of(new Effect.StopBridges(List.of("main"))), Update.apply(stop.state(), ch('y')).effects());
    }

    @Test
    void enterOpensDetailsAndQEscBackspaceGoBack() {
        DashboardState details = press(state(), key(KeyType.Enter)).state();
        assertEquals(new Overlay.Details(Focus.SESSIONS, "main", 0), details.overlay());
        assertEquals(new Overlay.Details(Focus.SESSIONS, "main", 1), press(details, ch('j')).state().overlay());
        for (var k : List.of(ch('q'), key(KeyType.Escape), key(KeyType.Backspace))) {
            assertNull(Update.apply(details, k).state().overlay());
        }
        assertEquals(List.of(new Effect.ChangeRoutes(new RouteRequest.SetFamily(List.of("main"), null), null)),
                press(details, ch('f'), ch('y')).effects(), "actions in a session's details apply to that session");
        assertEquals(new Overlay.Details(Focus.UPSTREAMS, "anthropic", 0),
                press(state(), key(KeyType.Tab), key(KeyType.Enter)).state().overlay());
    }

    @Test
    void slashFiltersAsYouTypeEnterKeepsEscRestores() {
        DashboardState typing = press(state(), ch('/'), ch('a'), ch('p')).state();
        assertEquals("ap", typing.filter());
        assertEquals(List.of("api"), typing.visibleSessions().stream().map(s -> s.name()).toList());
        assertEquals("api", typing.sessionCursor(), "the cursor moves onto a visible row");
        DashboardState kept = press(typing, key(KeyType.Enter)).state();
        assertNull(kept.overlay());
        assertEquals("ap", kept.filter());
        assertEquals("", press(typing, key(KeyType.Escape)).state().filter());
        assertEquals("a", press(typing, key(KeyType.Backspace)).state().filter());
        assertEquals(List.of("main"), press(state(), ch('/'), ch('o'), ch('p'), ch('e'), ch('n')).state().visibleSessions()
                        .stream().map(s -> s.name()).toList(),
                "a filter matches upstream names in routes too");
        assertEquals("", press(kept, key(KeyType.Escape)).state().filter(), "Esc outside the prompt clears the filter");
    }

    @Test
    void pauseRefreshRedrawEditHelpQuit() {
        assertTrue(press(state(), ch('p')).state().paused());
        assertFalse(press(state(), ch('p'), ch('p')).state().paused());
        assertEquals(List.of(new Effect.Refresh()), press(state(), ctrl('r')).effects());
        assertEquals(List.of(new Effect.Redraw()), press(state(), ctrl('l')).effects());
        assertEquals(List.of(new Effect.EditConfig()), press(state(), ch('e')).effects());
        assertEquals(new Overlay.Help(0), press(state(), ch('?')).state().overlay());
        assertNull(press(state(), ch('?'), ch('q')).state().overlay());
        assertTrue(press(state(), ch('?'), ch('q')).effects().isEmpty(), "q closes the help instead of quitting");
        assertEquals(List.of(new Effect.Quit()), press(state(), ch('q')).effects());
        assertEquals(List.of(new Effect.Quit()), press(state(), ch('r'), ctrl('c')).effects(), "ctrl-c quits from anywhere");
        assertEquals(List.of(new Effect.Quit()), press(state(), key(KeyType.EOF)).effects(), "a closed tty quits");
    }

    @Test
    void faultToggleOnlyInTheDemoOnTheSelectedUpstream() {
        assertEquals(List.of(new Effect.ToggleFault("anthropic")), press(state(), ch('x')).effects(),
                "in the sessions table: the cursor session's current upstream");
        assertEquals(List.of(new Effect.ToggleFault("corp-proxy")), press(state(), key(KeyType.Tab), ch('j'), ch('x')).effects());
        assertTrue(press(state(Mode.DEFAULT), ch('x')).effects().isEmpty());
    }

    @Test
    void undoRestoresTheRoutesTheLastChangeReplaced() {
        assertTrue(press(state(), ch('U')).state().flash().error());
        DashboardState moved = state().withSnapshot(state().snapshot().withConfig(
                RouteChanges.reroute(state().snapshot().config(), "main", "corp-proxy"), null));
        DashboardState changed = Update.apply(moved, new Msg.Done(Outcome.routesChanged("main: route anthropic → corp-proxy",
                Map.of("main", List.of("anthropic", "corp-proxy", "openai"))), Fixtures.NOW)).state();
        assertEquals("main: route anthropic → corp-proxy", changed.flash().text());
        Step ask = press(changed, ch('U'));
        Overlay.Confirm confirm = assertInstanceOf(Overlay.Confirm.class, ask.state().overlay(), "back onto a down upstream");
        assertTrue(confirm.question().contains("anthropic is down"), confirm.question());
        assertEquals(1, press(ask.state(), ch('n')).state().undo().size(), "a cancelled undo stays undoable");
        Step undo = press(ask.state(), ch('y'));
        assertEquals(List.of(new Effect.ChangeRoutes(new RouteRequest.Restore(Map.of("main", List.of("anthropic", "corp-proxy", "openai"))),
                "main: route anthropic → corp-proxy")), undo.effects());
        assertTrue(undo.state().undo().isEmpty());
    }

    @Test
    void readOnlyRefusesEveryKeyThatChangesSomething() {
        DashboardState ro = state(new Mode(true, false, true));
        for (KeyBinding b : Keymap.BINDINGS) {
            if (!b.mutates()) {
                continue;
            }
            Step step = Update.apply(ro, toStroke(b.keys().get(0)));
            assertTrue(step.effects().isEmpty(), b.label());
            assertNull(step.state().overlay(), b.label());
            assertTrue(step.state().flash().error() && step.state().flash().text().startsWith("read-only"), b.label());
        }
        assertEquals(new Overlay.Help(0), press(ro, ch('?')).state().overlay(), "looking around still works");
    }

    @Test
    void everyKeyOfTheKeymapDoesSomething() {
        DashboardState s = state();
        for (KeyBinding b : Keymap.of(Context.MAIN, true)) {
            for (KeyBinding.Key k : b.keys()) {
                DashboardState from = b.action() == Action.UP || b.action() == Action.PAGE_UP || b.action() == Action.TOP
                        ? s.withSessionCursor("docs") : b.action() == Action.CLEAR_MARKS || b.action() == Action.CLEAR
                        ? s.withMarks(Set.of("api")) : s;
                Step step = Update.apply(from, toStroke(k));
                assertTrue(!step.effects().isEmpty() || !step.state().equals(from), b.label() + " " + k);
            }
        }
    }

    @Test
    void flashesExpireInfoAfterAboutThreeSecondsErrorsAfterSix() {
        DashboardState info = state().info("hello");
        assertTrue(info.at(Fixtures.NOW.plusSeconds(2)).flash() != null);
        assertNull(info.at(Fixtures.NOW.plusSeconds(4)).flash());
        DashboardState error = state().error("boom");
        assertTrue(error.at(Fixtures.NOW.plusSeconds(5)).flash() != null);
        assertNull(error.at(Fixtures.NOW.plusSeconds(7)).flash());
    }

    static com.googlecode.lanterna.input.KeyStroke toStroke(KeyBinding.Key k) {
        return k.type() == KeyType.Character ? new com.googlecode.lanterna.input.KeyStroke(k.character(), k.ctrl(), false)
                : new com.googlecode.lanterna.input.KeyStroke(k.type());
    }
}
