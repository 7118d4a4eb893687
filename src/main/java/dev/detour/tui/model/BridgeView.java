package dev.detour.tui.model;

import dev.detour.wire.BridgeStats;

import java.time.Instant;

/**
 * A session's bridge as the stats poller last saw it.
 *
 * @param stats    the bridge's newest stats, or null when it has not answered
 * @param pid      the bridge's pid, or 0 when none runs
 * @param restarts how many times a watcher restarted it
 * @param problem  why it is not running or not answering, or null
 * @param seenAt   when the poller read it
 */
public record BridgeView(String session, BridgeState state, BridgeStats stats, long pid, int restarts,
                         String problem, Instant seenAt) {
    public static BridgeView stopped(String session, Instant seenAt) {
        return new BridgeView(session, BridgeState.STOPPED, null, 0, 0, null, seenAt);
    }
}
