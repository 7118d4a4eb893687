package dev.detour.supervise;

import java.time.Duration;

/**
 * When to restart a bridge that died: 1 s after the first crash, doubling up to 60 s while it keeps crashing, back
 * to 1 s once a bridge has run for a stable minute.
 *
 * @param failures crashes in a row, each within a minute of its start
 */
public record Backoff(int failures) {
    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofSeconds(60);
    public static final Duration STABLE = Duration.ofMinutes(1);

    public static Backoff initial() {
        return new Backoff(0);
    }

    /** The state after a crash of a bridge that had been up for {@code uptime}. */
    public Backoff afterCrash(Duration uptime) {
        return new Backoff(uptime.compareTo(STABLE) >= 0 ? 1 : failures + 1);
    }

    /** How long to wait before the next restart. */
    public Duration delay() {
        if (failures <= 1) {
            return FIRST;
        }
        int doublings = Math.min(failures - 1, 6);
        Duration delay = FIRST.multipliedBy(1L << doublings);
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }
}
