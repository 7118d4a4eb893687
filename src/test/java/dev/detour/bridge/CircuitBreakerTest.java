package dev.detour.bridge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {
    private static final long S = 1_000_000_000L;

    @Test
    void opensAfterThreeFailuresInARowOnly() {
        CircuitBreaker b = new CircuitBreaker();
        assertNull(b.failure(0, "529"));
        assertNull(b.failure(0, "529"));
        assertNull(b.success());
        assertNull(b.failure(0, "529"));
        assertNull(b.failure(0, "529"));
        CircuitBreaker.Transition open = b.failure(0, "529 overloaded");
        assertNotNull(open);
        assertEquals(CircuitBreaker.State.OPEN, open.to());
        assertTrue(open.reason().contains("3 failures in a row, last 529 overloaded"), open.reason());
        assertFalse(b.permit(4 * S).allowed());
    }

    @Test
    void halfOpenLetsOneTrialThroughAndClosesOnSuccess() {
        CircuitBreaker b = openAt(0);
        CircuitBreaker.Permit trial = b.permit(5 * S);
        assertTrue(trial.allowed());
        assertTrue(trial.trial());
        assertEquals(CircuitBreaker.State.HALF_OPEN, trial.transition().to());
        assertFalse(b.permit(5 * S).allowed(), "a second request while the trial is in flight");
        CircuitBreaker.Transition closed = b.success();
        assertEquals(CircuitBreaker.State.CLOSED, closed.to());
        assertTrue(b.permit(5 * S).allowed());
    }

    @Test
    void failedTrialsDoubleTheCooldownUpToTwentySeconds() {
        CircuitBreaker b = openAt(0);
        long now = 5 * S;
        long[] expectedCooldowns = {10, 20, 20};
        for (long cooldown : expectedCooldowns) {
            assertTrue(b.permit(now).trial());
            CircuitBreaker.Transition reopened = b.failure(now, "connection refused");
            assertEquals(CircuitBreaker.State.OPEN, reopened.to());
            assertFalse(b.permit(now + cooldown * S - 1).allowed());
            now += cooldown * S;
        }
        assertTrue(b.permit(now).trial());
        b.success();
        b.failure(now, "x");
        b.failure(now, "x");
        b.failure(now, "x");
        assertTrue(b.permit(now + 5 * S).allowed(), "the cooldown starts over at 5 s after a close");
    }

    @Test
    void aTrialWithoutVerdictFreesTheSlot() {
        CircuitBreaker b = openAt(0);
        assertTrue(b.permit(5 * S).trial());
        b.release();
        assertTrue(b.permit(5 * S).trial());
    }

    @Test
    void secondsToTrialCountsDownInWholeSecondsRoundedUp() {
        CircuitBreaker b = new CircuitBreaker();
        assertEquals(0, b.secondsToTrial(0), "a closed breaker has no trial to wait for");
        b = openAt(10 * S);
        assertEquals(5, b.secondsToTrial(10 * S));
        assertEquals(3, b.secondsToTrial(12 * S + S / 2), "2.5 s left shows as 3");
        assertEquals(1, b.secondsToTrial(15 * S - 1));
        assertEquals(0, b.secondsToTrial(15 * S));
        assertEquals(0, b.secondsToTrial(40 * S), "never negative once the cooldown is over");
    }

    private static CircuitBreaker openAt(long now) {
        CircuitBreaker b = new CircuitBreaker();
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            b.failure(now, "503");
        }
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        return b;
    }
}
