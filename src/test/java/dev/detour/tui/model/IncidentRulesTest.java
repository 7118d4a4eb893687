package dev.detour.tui.model;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.journal.Event;
import dev.detour.route.RouteRequest;
import dev.detour.tui.Fixtures;
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

/** The incident rules of the pure update: advice applied in one key, no surprises, events, messages. */
class IncidentRulesTest {
    static DashboardState state() {
        return DashboardState.initial(Fixtures.snapshot(), new Mode(false, true, true), new TerminalSize(80, 24), Fixtures.NOW);
    }

    static DashboardState withAdvice(AdviceView advice) {
        Snapshot s = Fixtures.snapshot();
        return state().withSnapshot(s.withHealth(s.upstreams(), List.of(advice), s.updated().get(Source.HEALTH)));
    }

    @Test
    void aAsksNamingTheSessionsTheTargetItsHealthAndTheCommandThenMovesThemThroughTheRouteChange() {
        Step ask = press(state().withMarks(java.util.Set.of("docs")), ch('a'));
        Overlay.Confirm c = assertInstanceOf(Overlay.Confirm.class, ask.state().overlay());
        assertTrue(c.question().startsWith("Move main and api to corp-proxy (healthy, 180 ms)?"), c.question());
        assertTrue(c.question().contains("detour reroute main api --to corp-proxy") && c.question().contains("U undoes"), c.question());
        assertTrue(!c.yesFocused(), "Cancel has the focus");
        Step yes = press(ask.state(), ch('y'));
        assertEquals(List.of(new Effect.ChangeRoutes(new RouteRequest.Moves(Map.of("main", "corp-proxy", "api", "corp-proxy")), null)),
                yes.effects());
        assertTrue(yes.state().marks().isEmpty(), "marks are cleared after an action");
        assertTrue(press(ask.state(), ch('n')).effects().isEmpty());
    }

    @Test
    void adviceOntoADegradedUpstreamOfAnotherFamilySaysWhyInItsQuestion() {
        DashboardState s = withAdvice(new AdviceView("anthropic", "anthropic: down → flip main to openai (degraded)",
                "detour reroute main --to openai", Map.of("openai", List.of("main"))));
        Overlay.Confirm c = assertInstanceOf(Overlay.Confirm.class, press(s, ch('a')).state().overlay());
        assertTrue(c.question().contains("Careful: openai is degraded (slow first token)")
                && c.question().contains("main would change model family, anthropic to openai"), c.question());
        assertEquals("no advice to apply now", press(withAdvice(AdviceView.text("x")).withSnapshot(
                Fixtures.snapshot().withHealth(Fixtures.snapshot().upstreams(), List.of(), null)), ch('a')).state().flash().text());
    }

    @Test
    void capitalAListsEveryAdviceAndAppliesTheSelectedOne() {
        DashboardState open = press(state(), ch('A')).state();
        assertEquals(new Overlay.AdviceList(0), open.overlay());
        assertInstanceOf(Overlay.Confirm.class, press(open, key(KeyType.Enter)).state().overlay());
        assertNull(press(open, ch('q')).state().overlay());
    }

    @Test
    void everyKeyThatDoesNothingSaysSo() {
        assertEquals("z does nothing here; ? lists the keys", press(state(), ch('z')).state().flash().text());
        assertEquals("z does nothing in the picker; ? lists the keys", press(state(), ch('r'), ch('z')).state().flash().text());
        assertTrue(press(state(), key(KeyType.Tab), key(KeyType.Enter), ch('f')).state().flash().text()
                .contains("acts on a session"), "f in an upstream's details says why not");
    }

    @Test
    void thePickerStartsOnTheHealthiestCandidateOfTheSessionsFamily() {
        Overlay.Picker p = assertInstanceOf(Overlay.Picker.class, press(state(), ch('r')).state().overlay());
        assertEquals("corp-proxy", p.options().get(p.cursor()));
        Overlay.Picker docs = assertInstanceOf(Overlay.Picker.class, press(state().withSessionCursor("docs"), ch('r')).state().overlay());
        assertEquals("anthropic", docs.options().get(docs.cursor()), "not where it goes now, and of its family");
    }

    @Test
    void theEventsViewScrollsFiltersAndFoldsBreakerTrials() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(new Event(Fixtures.NOW.minusSeconds(100 - i * 10L), "breaker", i % 2 == 0 ? "main" : "api", "anthropic",
                    i % 2 == 0 ? "half-open" : "open", "was open: trial"));
        }
        events.add(new Event(Fixtures.NOW.minusSeconds(20), "reroute", "main", "anthropic", "corp-proxy", "dashboard"));
        for (int i = 0; i < 30; i++) {
            events.add(new Event(Fixtures.NOW.minusSeconds(10), "failover", "s" + i, "anthropic", "corp-proxy", "529"));
        }
        List<EventFold.Line> lines = EventFold.fold(events);
        assertEquals(32, lines.size());
        EventFold.Line trials = lines.get(31);
        assertEquals(6, trials.count());
        assertEquals(List.of("api", "main"), trials.sessions());
        assertTrue(EventFold.standsOut(lines.get(30).event()));

        Snapshot snap = Fixtures.snapshot().withEvents(events, new Snapshot.Freshness(Fixtures.NOW, Duration.ofSeconds(1)));
        DashboardState s = press(state().withSnapshot(snap), ch('v')).state();
        assertEquals(new Overlay.Events(0, "", false), s.overlay());
        assertEquals(new Overlay.Events(1, "", false), press(s, ch('j')).state().overlay());
        DashboardState filtered = press(s, ch('/'), ch('b'), ch('r'), key(KeyType.Enter)).state();
        assertEquals(new Overlay.Events(0, "br", false), filtered.overlay());
        assertEquals(1, EventFold.fold(EventFold.matching(events, "br")).size());
        assertNull(press(filtered, ch('q')).state().overlay());
    }

    @Test
    void snapshotsOutcomesTicksAndResizesAreMessagesToo() {
        Snapshot newer = Fixtures.many(5);
        DashboardState paused = press(state(), ch('p')).state();
        DashboardState kept = Update.apply(paused, new Msg.Polled(newer)).state();
        assertEquals(newer.config(), kept.snapshot().config(), "paused: only the config follows");
        assertEquals(state().snapshot().bridges(), kept.snapshot().bridges());
        assertEquals(newer, Update.apply(state(), new Msg.Polled(newer)).state().snapshot());
        assertEquals(Fixtures.NOW.plusSeconds(5), Update.apply(state(), new Msg.Tick(Fixtures.NOW.plusSeconds(5))).state().now());
        Step resized = Update.apply(state(), new Msg.Resize(new TerminalSize(200, 50)));
        assertEquals(new TerminalSize(200, 50), resized.state().size());
        assertEquals(List.of(new Effect.Redraw()), resized.effects());
        Step failed = Update.apply(state(), new Msg.Done(Outcome.error("boom"), Fixtures.NOW));
        assertEquals(List.of(new Effect.Log("action failed: boom")), failed.effects());
        assertTrue(failed.state().flash().error());
    }

    @Test
    void adviceFollowsRecoveryAndOffersTheMoveBack() {
        Snapshot base = Fixtures.snapshot();
        Map<String, UpstreamView> healthy = new java.util.LinkedHashMap<>(base.upstreams());
        healthy.put("anthropic", new UpstreamView("anthropic", dev.detour.health.HealthState.HEALTHY, 200L, 0.0, null, null,
                List.of(), Fixtures.NOW));
        List<Event> events = List.of(
                new Event(Fixtures.NOW.minusSeconds(1200), "health", null, "healthy", "down", "anthropic: overloaded (529)"),
                new Event(Fixtures.NOW.minusSeconds(1100), "reroute", "main", "anthropic", "corp-proxy", "dashboard"),
                new Event(Fixtures.NOW.minusSeconds(240), "health", null, "down", "healthy", "anthropic: healthy (200 ms)"));
        Snapshot snap = base.withConfig(dev.detour.route.RouteChanges.reroute(base.config(), "main", "corp-proxy"), null)
                .withHealth(healthy, List.of(AdviceView.text("all upstreams healthy: nothing to do")), null)
                .withEvents(events, null);
        DashboardState s = state().withSnapshot(snap);
        assertEquals(1, s.advice().size(), s.advice().toString());
        assertEquals("anthropic has been healthy for 4 min: main was moved away from it; move it back with a",
                s.advice().get(0).text());
        Overlay.Confirm c = assertInstanceOf(Overlay.Confirm.class, press(s, ch('a')).state().overlay());
        assertTrue(c.question().startsWith("Move main to anthropic (healthy, 200 ms)?"), c.question());
        assertTrue(Recovery.advice(snap, Fixtures.NOW.minusSeconds(120)).isEmpty(), "not yet healthy for long enough");
    }

    @Test
    void copyLineAndLogTail() {
        assertEquals(List.of(new Effect.Copy("eval \"$(detour env main)\"")), press(state(), ch('c')).effects());
        DashboardState details = press(state(), key(KeyType.Enter)).state();
        assertEquals(List.of(new Effect.ReadLog("main")), press(details, ch('l')).effects());
        DashboardState withLog = Update.apply(details, new Msg.Done(Outcome.log("main", List.of("started on 8781")), Fixtures.NOW)).state();
        assertEquals(List.of("started on 8781"), ((Overlay.Details) withLog.overlay()).log());
    }
}
