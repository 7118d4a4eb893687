package dev.detour.team;

import java.time.Duration;
import java.util.List;

/**
 * A route change for the whole team: put an upstream (or the first upstream of a family) first on every box for a
 * while, or end the sessions' override ({@code clear}). Sessions and upstreams are named, never located.
 *
 * @param upstream the upstream to put first, or null for a family change or a clear
 * @param family   the family wire name for {@code family --team}, or null
 * @param length   how long it lasts (ignored for a clear)
 * @param reason   why, shown on every box, or null
 */
public record TeamRequest(List<String> sessions, String upstream, String family, Duration length, String reason,
                          boolean clear) {
    public TeamRequest {
        sessions = List.copyOf(sessions);
        length = length == null ? Durations.DEFAULT_OVERRIDE : length;
    }

    public static TeamRequest reroute(List<String> sessions, String upstream, Duration length, String reason) {
        return new TeamRequest(sessions, upstream, null, length, reason, false);
    }

    public static TeamRequest clear(List<String> sessions, String reason) {
        return new TeamRequest(sessions, null, null, null, reason, true);
    }

    /** The journal's kind for this change on the box that made it. */
    public String kind() {
        return clear ? "team_clear" : upstream != null ? "team_reroute" : "team_family";
    }

    /** What it asks for: the upstream, "family openai", or "own route". */
    public String target() {
        return clear ? "own route" : upstream != null ? upstream : "family " + family;
    }
}
