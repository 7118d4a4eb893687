package dev.detour.control;

import dev.detour.config.Config;
import dev.detour.route.SessionChange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one route change did.
 *
 * @param asked          the sessions the request named
 * @param changes        the sessions whose route changed, in the order asked
 * @param notRunning     changed sessions without a running bridge to reload (it reads the new route when it starts)
 * @param journalProblem why the events could not be journaled, or null
 */
public record RouteResult(Config before, Config after, List<String> asked, List<SessionChange> changes,
                          List<String> notRunning, String journalProblem) {
    public RouteResult {
        asked = List.copyOf(asked);
        changes = List.copyOf(changes);
        notRunning = List.copyOf(notRunning);
    }

    /** The changed sessions' routes before the change: what an undo puts back. */
    public Map<String, List<String>> routesBefore() {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        changes.forEach(c -> routes.put(c.session(), c.routeBefore()));
        return routes;
    }

    /** The asked sessions whose route stayed as it was. */
    public List<String> unchanged() {
        return asked.stream().filter(s -> changes.stream().noneMatch(c -> c.session().equals(s))).toList();
    }
}
