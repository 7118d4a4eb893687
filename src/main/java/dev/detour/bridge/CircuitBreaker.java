package dev.detour.bridge;

import java.time.Duration;

/**
 * The circuit breaker of one upstream, fed by real traffic. Pure: the caller passes the time.
 * <ul>
 *   <li>closed → open after {@link #FAILURES_TO_OPEN} failures in a row: three, so one stray error or a single
 *       timed-out request does not move traffic, but a sustained outage stops costing each request a failed try
 *       within a few requests;</li>
 *   <li>open → half-open when the cooldown has passed; the cooldown starts at 5 s and doubles after each failed
 *       trial up to 20 s, so a recovered upstream gets its traffic back within 30 s (20 s cooldown plus the time to
 *       the next request) while a dead one is tried at most three times a minute;</li>
 *   <li>half-open lets exactly one request through as the trial: success closes it (and resets the cooldown),
 *       failure opens it again with the longer cooldown.</li>
 * </ul>
 */
public final class CircuitBreaker {
    public static final int FAILURES_TO_OPEN = 3;
    public static final Duration FIRST_COOLDOWN = Duration.ofSeconds(5);
    public static final Duration MAX_COOLDOWN = Duration.ofSeconds(20);

    public enum State {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half-open");

        private final String word;

        State(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** A change of state, for the journal. */
    public record Transition(State from, State to, String reason) {
    }

    /** What {@link #permit} decided. {@code trial} is true when this request is the half-open trial. */
    public record Permit(boolean allowed, boolean trial, Transition transition) {
    }

    private State state = State.CLOSED;
    private int failuresInRow;
    private long openUntilNanos;
    private Duration cooldown = FIRST_COOLDOWN;
    private boolean trialInFlight;

    public synchronized State state() {
        return state;
    }

    /** Seconds until an open breaker lets a trial through (0 when not open). */
    public synchronized long secondsToTrial(long nowNanos) {
        return state == State.OPEN ? Math.max(0, (openUntilNanos - nowNanos + 999_999_999L) / 1_000_000_000L) : 0;
    }

    /** May a request use this upstream now? An open breaker whose cooldown passed turns half-open with this request as trial. */
    public synchronized Permit permit(long nowNanos) {
        switch (state) {
            case CLOSED:
                return new Permit(true, false, null);
            case OPEN:
                if (nowNanos - openUntilNanos < 0) {
                    return new Permit(false, false, null);
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return new Permit(true, true, new Transition(State.OPEN, State.HALF_OPEN,
                        "cooldown of " + cooldown.toSeconds() + " s over; one trial request"));
            default:
                if (trialInFlight) {
                    return new Permit(false, false, null);
                }
                trialInFlight = true;
                return new Permit(true, true, null);
        }
    }

    /** The upstream answered well (or answered the client's own error). */
    public synchronized Transition success() {
        failuresInRow = 0;
        trialInFlight = false;
        if (state == State.CLOSED) {
            return null;
        }
        State from = state;
        state = State.CLOSED;
        cooldown = FIRST_COOLDOWN;
        return new Transition(from, State.CLOSED, "trial request succeeded");
    }

    /** The upstream failed a request; {@code what} says how (e.g. "529 overloaded"). */
    public synchronized Transition failure(long nowNanos, String what) {
        failuresInRow++;
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
            cooldown = cooldown.multipliedBy(2).compareTo(MAX_COOLDOWN) > 0 ? MAX_COOLDOWN : cooldown.multipliedBy(2);
            return open(nowNanos, State.HALF_OPEN, "trial failed (" + what + ")");
        }
        if (state == State.CLOSED && failuresInRow >= FAILURES_TO_OPEN) {
            return open(nowNanos, State.CLOSED, failuresInRow + " failures in a row, last " + what);
        }
        return null;
    }

    /** The request ended without a verdict (the agent went away): a trial slot it held is free again. */
    public synchronized void release() {
        trialInFlight = false;
    }

    private Transition open(long nowNanos, State from, String why) {
        state = State.OPEN;
        openUntilNanos = nowNanos + cooldown.toNanos();
        return new Transition(from, State.OPEN, why + "; trial in " + cooldown.toSeconds() + " s");
    }
}
