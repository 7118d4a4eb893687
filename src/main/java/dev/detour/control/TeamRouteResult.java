package dev.detour.control;

import dev.detour.team.TeamOverride;
import dev.detour.team.TeamRequest;

import java.util.List;
import java.util.Map;

/**
 * What one team route change did.
 *
 * @param lines          one line per session, for the person who asked
 * @param before         each session's override in force before the change (none: it was on its own route); what an undo puts back
 * @param journalProblem why the events could not be journaled, or null
 */
public record TeamRouteResult(TeamRequest request, List<String> lines, Map<String, TeamOverride> before,
                              String journalProblem) {
    public TeamRouteResult {
        lines = List.copyOf(lines);
        before = Map.copyOf(before);
    }
}
