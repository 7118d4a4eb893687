package dev.detour.tui.model;

import java.util.List;
import java.util.Map;

/** Routes as they were before one change, and what that change was. */
public record UndoEntry(Map<String, List<String>> routesBefore, String description) {
    public UndoEntry {
        routesBefore = Map.copyOf(routesBefore);
    }
}
