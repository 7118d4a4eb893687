package dev.detour.tui.model;

import dev.detour.team.TeamRequest;

import java.util.List;
import java.util.Map;

/**
 * What an effect did, as the flash line says it.
 *
 * @param routesBefore the routes the effect replaced, so that {@code U} can put them back; null when it changed none
 * @param logTail      a bridge's log tail that was asked for, or null
 * @param teamBefore   for a whole-team change: the requests that put the team's overrides back, so that {@code U} can
 */
public record Outcome(String message, boolean error, Map<String, List<String>> routesBefore, LogTail logTail,
                      List<TeamRequest> teamBefore) {
    public Outcome(String message, boolean error, Map<String, List<String>> routesBefore, LogTail logTail) {
        this(message, error, routesBefore, logTail, null);
    }

    public static Outcome teamChanged(String message, List<TeamRequest> teamBefore) {
        return new Outcome(message, false, null, null, List.copyOf(teamBefore));
    }

    /** The newest lines of a session's bridge log. */
    public record LogTail(String session, List<String> lines) {
        public LogTail {
            lines = List.copyOf(lines);
        }
    }

    public static Outcome info(String message) {
        return new Outcome(message, false, null, null);
    }

    public static Outcome error(String message) {
        return new Outcome(message, true, null, null);
    }

    public static Outcome routesChanged(String message, Map<String, List<String>> routesBefore) {
        return new Outcome(message, false, Map.copyOf(routesBefore), null);
    }

    public static Outcome log(String session, List<String> lines) {
        return new Outcome("log of bridge " + session + ": " + lines.size() + " lines", false, null, new LogTail(session, lines));
    }
}
