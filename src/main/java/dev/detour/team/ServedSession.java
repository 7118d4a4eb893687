package dev.detour.team;

import dev.detour.wire.BridgeStats;
import dev.detour.config.Config;

/** What the team agent needs from the bridge it runs in. */
public interface ServedSession {
    /** The config in force (the last good one). */
    Config config();

    /** The bridge's stats as of now (route as served, per-upstream traffic). */
    BridgeStats stats();

    /** Puts {@code upstream} first for the next request on; null returns to the config's own route. */
    void front(String upstream);
}
