package dev.detour.supervise;

import java.time.Duration;
import java.time.Instant;

/**
 * One session's bridge at one moment.
 *
 * @param pid         the running bridge's pid, or the pid that crashed; null when stopped
 * @param startedAt   when the running bridge started; null unless running
 * @param restarts    restarts after crashes since the bridge was last started by hand
 * @param lastLogLine the newest line of the bridge's log ("" when there is none)
 */
public record BridgeState(String session, int port, BridgeStatus status, Long pid, Instant startedAt, int restarts,
                          String lastLogLine) {
    public boolean running() {
        return status == BridgeStatus.RUNNING;
    }

    /** Time since the bridge started, or null unless running. */
    public Duration uptime(Instant now) {
        return startedAt == null ? null : Duration.between(startedAt, now);
    }
}
