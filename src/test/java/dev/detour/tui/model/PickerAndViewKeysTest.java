package dev.detour.tui.model;

import dev.detour.journal.Event;
import dev.detour.testing.TestConfig;
import dev.detour.tui.Fixtures;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.key;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reroute picker's order and starting row among many upstreams, its keys at both ends of the list, and how far
 * the keys of the full-screen views (details, events, advice) move: what someone rerouting during an outage relies on.
 */
class PickerAndViewKeysTest {
    private static final Mode DEMO = new Mode(false, true, true);
    private static final Snapshot.Freshness FRESH = new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(15));

    private static DashboardState state(Snapshot snapshot) {
        return DashboardState.initial(snapshot, DEMO, new TerminalSize(80, 24), Fixtures.NOW);
    }

    private static Overlay.Picker picker(DashboardState state) {
        return assertInstanceOf(Overlay.Picker.class, state.overlay(), String.valueOf(state.flash()));
    }

    @Test
    void thePickerListsTheSameFamilyFirstThenHealthiestThenFastestThenInConfigOrder() {
        Overlay.Picker p = picker(press(state(Fixtures.manyUpstreams()), ch('r')).state());
        assertEquals(List.of("fast", "fast-too", "slow", "unmeasured", "degraded", "unknown", "down", "oai"), p.options(),
                "healthy by latency (unmeasured last among them), then degraded, not yet judged, down; the other family last");
        assertEquals("fast", p.options().get(p.cursor()), "the healthiest that is not where main goes now");
    }

    @Test
    void aSessionOnTheOnlyUpstreamOfItsFamilyStartsOnTheFirstOtherUpstream() {
        DashboardState gpt = press(state(Fixtures.manyUpstreams()), ch('j'), ch('r')).state();
        Overlay.Picker p = picker(gpt);
        assertEquals(List.of("gpt"), p.sessions());
        assertEquals("oai", p.options().get(0), "its own family first");
        assertEquals(1, p.cursor(), "not where it goes now: the healthiest of the other family");
    }

    @Test
    void fromTheUpstreamsTableThePickerStartsOnThatTablesRow() {
        DashboardState onDown = press(state(Fixtures.manyUpstreams()), key(KeyType.Tab), ch('j'), ch('j'), ch('j'), ch('j')).state();
        assertEquals("down", onDown.upstreamCursor());
        Overlay.Picker p = picker(press(onDown, ch('r')).state());
        assertEquals("down", p.options().get(p.cursor()));
    }

    @Test
    void thePickersKeysStopAtBothEndsOfTheList() {
        DashboardState open = press(state(Fixtures.manyUpstreams()), ch('r')).state();
        int last = picker(open).options().size() - 1;
        assertEquals(last, picker(press(open, ch('G')).state()).cursor());
        assertEquals(last, picker(press(open, ch('G'), ch('j')).state()).cursor(), "j on the last option stays");
        assertEquals(last - 1, picker(press(open, ch('G'), ch('k')).state()).cursor());
        assertEquals(0, picker(press(open, ch('j'), ch('g')).state()).cursor());
        assertEquals(0, picker(press(open, ch('k')).state()).cursor(), "k on the first option stays");
        assertEquals(2, picker(press(open, ch('j'), ch('j')).state()).cursor());
        DashboardState cancelled = press(open, key(KeyType.Escape)).state();
        assertNull(cancelled.overlay());
        assertEquals("reroute cancelled", cancelled.flash().text());
    }

    @Test
    void withOneUpstreamInTheConfigRerouteSaysWhyInsteadOfOpeningThePicker() {
        var loaded = Fixtures.loaded(TestConfig.create().upstream("only", "anthropic", "http://127.0.0.1:9001", "passthrough")
                .session("main", 8781, "only").text());
        DashboardState after = press(state(Snapshot.of(loaded.file(), loaded.config())), ch('r')).state();
        assertNull(after.overlay());
        assertTrue(after.flash().error());
        assertTrue(after.flash().text().contains("only one upstream"), after.flash().text());
    }

    @Test
    void readOnlyStillLetsEveryKeyThatOnlyLooksAround() {
        DashboardState ro = DashboardState.initial(Fixtures.snapshot(), new Mode(true, false, true), new TerminalSize(80, 24),
                Fixtures.NOW);
        assertEquals("api", press(ro, ch('j')).state().sessionCursor());
        assertEquals(Focus.UPSTREAMS, press(ro, key(KeyType.Tab)).state().focus());
        assertInstanceOf(Overlay.Events.class, press(ro, ch('v')).state().overlay());
        assertInstanceOf(Overlay.Details.class, press(ro, key(KeyType.Enter)).state().overlay());
        assertTrue(press(ro, ch('j')).state().flash() == null, "no read-only complaint for a look-around key");
    }

    @Test
    void theFaultKeyTogglesTheSelectedUpstreamOrTheCursorSessionsCurrentOne() {
        DashboardState s = state(Fixtures.snapshot());
        assertEquals(List.of(new Effect.ToggleFault("anthropic")), press(s, ch('x')).effects(),
                "main goes to anthropic first");
        assertEquals(List.of(new Effect.ToggleFault("corp-proxy")), press(s, ch('j'), ch('j'), ch('x')).effects(),
                "docs goes to corp-proxy first");
        assertEquals(List.of(new Effect.ToggleFault("openai")),
                press(s, key(KeyType.Tab), ch('G'), ch('x')).effects(), "the upstreams table's row");
    }

    @Test
    void theAdviceViewOpensOnTheFirstAdviceWithAMoveAndItsCursorStaysInTheList() {
        List<AdviceView> advice = List.of(AdviceView.text("openai: degraded, nothing better to move to"),
                new AdviceView("anthropic", "anthropic: down → reroute main to corp-proxy", "detour reroute main --to corp-proxy",
                        Map.of("corp-proxy", List.of("main"))),
                AdviceView.text("corp-proxy: healthy"));
        Snapshot snapshot = Fixtures.snapshot().withHealth(Fixtures.snapshot().upstreams(), advice, FRESH);
        DashboardState open = press(state(snapshot), ch('A')).state();
        assertEquals(new Overlay.AdviceList(1), open.overlay(), "the first line that can be applied");
        assertEquals(new Overlay.AdviceList(0), press(open, ch('k')).state().overlay());
        assertEquals(new Overlay.AdviceList(0), press(open, ch('k'), ch('k')).state().overlay(), "k on the first stays");
        assertEquals(new Overlay.AdviceList(2), press(open, ch('j')).state().overlay());
        assertEquals(new Overlay.AdviceList(2), press(open, ch('j'), ch('j')).state().overlay(), "j on the last stays");
        Step apply = press(open, ch('a'));
        Overlay.Confirm ask = assertInstanceOf(Overlay.Confirm.class, apply.state().overlay());
        assertTrue(ask.question().contains("main to corp-proxy"), ask.question());
        DashboardState none = press(open, ch('k'), ch('a')).state();
        assertEquals("the advice has no move to apply (A shows it whole)", none.flash().text());
    }

    @Test
    void pagingInTheDetailsViewMovesByAScreenLessOneLine() {
        DashboardState details = press(state(Fixtures.snapshot()), key(KeyType.Enter)).state();
        int page = details.layout().bodyHeight() - 1;
        assertTrue(page > 1);
        DashboardState down = press(details, key(KeyType.PageDown)).state();
        assertEquals(page, ((Overlay.Details) down.overlay()).top());
        assertEquals(page + 1, ((Overlay.Details) press(down, ch('j')).state().overlay()).top());
        assertEquals(1, ((Overlay.Details) press(down, ch('j'), key(KeyType.PageUp)).state().overlay()).top());
        assertEquals(0, ((Overlay.Details) press(down, key(KeyType.PageUp), key(KeyType.PageUp)).state().overlay()).top(),
                "never above the first line");
    }

    @Test
    void theEventsViewPagesByItsVisibleLinesAndStopsAtTheOldest() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(new Event(Fixtures.NOW.minusSeconds(600 - i * 10L), "reroute", "s" + i, "anthropic", "corp-proxy",
                    "event " + i));
        }
        DashboardState view = press(state(Fixtures.snapshot().withEvents(events, FRESH)), ch('v')).state();
        int rows = view.layout().bodyHeight() - 2;
        assertEquals(rows - 1, ((Overlay.Events) press(view, key(KeyType.PageDown)).state().overlay()).top());
        assertEquals(60 - rows, ((Overlay.Events) press(view, ch('G')).state().overlay()).top(), "the oldest line at the bottom");
        assertEquals(60 - rows, ((Overlay.Events) press(view, ch('G'), ch('j')).state().overlay()).top());
        assertEquals(60 - rows - 1, ((Overlay.Events) press(view, ch('G'), ch('k')).state().overlay()).top());
    }

    @Test
    void backspaceInTheEventsFilterErasesOneCharacterAndOnAnEmptyFilterStopsTyping() {
        DashboardState typing = press(state(Fixtures.snapshot()), ch('v'), ch('/'), ch('a'), ch('b')).state();
        assertEquals(new Overlay.Events(0, "ab", true), typing.overlay());
        assertEquals(new Overlay.Events(0, "a", true), press(typing, key(KeyType.Backspace)).state().overlay());
        assertEquals(new Overlay.Events(0, "", false),
                press(typing, key(KeyType.Backspace), key(KeyType.Backspace), key(KeyType.Backspace)).state().overlay());
    }
}
