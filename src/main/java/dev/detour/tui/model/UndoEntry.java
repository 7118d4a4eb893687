package dev.detour.tui.model;

import dev.detour.team.TeamRequest;

import java.util.List;
import java.util.Map;

/**
 * Routes as they were before one change, and what that change was.
 *
 * @param teamBefore for a whole-team change: the team requests that put the overrides back as they were, else null
 */
public record UndoEntry(Map<String, List<String>> routesBefore, String description, List<TeamRequest> teamBefore) {
    public UndoEntry {
        routesBefore = Map.copyOf(routesBefore);
        teamBefore = teamBefore == null ? null : List.copyOf(teamBefore);
    }

    public UndoEntry(Map<String, List<String>> routesBefore, String description) {
        this(routesBefore, description, null);
    }
}
