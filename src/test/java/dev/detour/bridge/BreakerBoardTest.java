package dev.detour.bridge;

import dev.detour.config.Family;
import dev.detour.config.Upstream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which upstreams a request tries, given their breakers; every test has its own board. */
class BreakerBoardTest {
    private static final long S = 1_000_000_000L;
    private final List<String> transitions = new ArrayList<>();
    private final BreakerBoard board = new BreakerBoard((name, t) -> transitions.add(name + ":" + t.to().word()));

    private void open(String upstream) {
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            board.failure(upstream, "503");
        }
        assertEquals(CircuitBreaker.State.OPEN, board.of(upstream).state());
    }

    private static List<String> names(List<BreakerBoard.Choice> choices) {
        return choices.stream().map(c -> c.upstream().name()).toList();
    }

    @Test
    void anOpenBreakerLeavesItsUpstreamOutWithANote() {
        open("a");
        List<String> notes = new ArrayList<>();
        List<BreakerBoard.Choice> chosen = board.choose(List.of(upstream("a"), upstream("b")), System.nanoTime(), notes);
        assertEquals(List.of("b"), names(chosen));
        assertFalse(chosen.get(0).trial());
        assertEquals(List.of("a:breaker-open"), notes);
        assertEquals(List.of("a:open"), transitions);
    }

    @Test
    void whenEveryBreakerIsOpenEveryUpstreamIsTriedAnywayInRouteOrder() {
        open("a");
        open("b");
        List<String> notes = new ArrayList<>();
        List<BreakerBoard.Choice> chosen = board.choose(List.of(upstream("a"), upstream("b")), System.nanoTime(), notes);
        assertEquals(List.of("a", "b"), names(chosen));
        assertTrue(chosen.stream().noneMatch(BreakerBoard.Choice::trial), chosen.toString());
        assertEquals(List.of("a:breaker-open", "b:breaker-open", "every breaker open: trying anyway"), notes);
    }

    @Test
    void noEligibleUpstreamIsNoChoiceAndNoNote() {
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(), board.choose(List.of(), System.nanoTime(), notes));
        assertEquals(List.of(), notes);
    }

    @Test
    void aReleasedTrialLetsTheNextRequestBeTheTrial() {
        open("a");
        long afterCooldown = System.nanoTime() + CircuitBreaker.FIRST_COOLDOWN.toNanos() + S;
        List<String> notes = new ArrayList<>();
        List<BreakerBoard.Choice> first = board.choose(List.of(upstream("a"), upstream("b")), afterCooldown, notes);
        assertEquals(List.of("a", "b"), names(first));
        assertTrue(first.get(0).trial());
        assertEquals(List.of("a:open", "a:half-open"), transitions);

        List<String> whileTrial = new ArrayList<>();
        assertEquals(List.of("b"), names(board.choose(List.of(upstream("a"), upstream("b")), afterCooldown, whileTrial)));
        assertEquals(List.of("a:breaker-half-open"), whileTrial);

        board.release("a");
        List<BreakerBoard.Choice> again = board.choose(List.of(upstream("a"), upstream("b")), afterCooldown, new ArrayList<>());
        assertEquals(List.of("a", "b"), names(again));
        assertTrue(again.get(0).trial(), "the slot of the request that went away is free again");
        board.success("a");
        assertEquals(List.of("a:open", "a:half-open", "a:closed"), transitions);
    }

    private static Upstream upstream(String name) {
        return new Upstream(name, Family.ANTHROPIC, "http://127.0.0.1:9/" + name, "passthrough", null, null, Map.of());
    }
}
