package dev.detour.tui.model;

import java.util.List;
import java.util.Map;

/**
 * What an effect did, as the flash line says it.
 *
 * @param routesBefore the routes the effect replaced, so that {@code U} can put them back; null when it changed none
 */
public record Outcome(String message, boolean error, Map<String, List<String>> routesBefore) {
    public static Outcome info(String message) {
        return new Outcome(message, false, null);
    }

    public static Outcome error(String message) {
        return new Outcome(message, true, null);
    }

    public static Outcome routesChanged(String message, Map<String, List<String>> routesBefore) {
        return new Outcome(message, false, Map.copyOf(routesBefore));
    }
}
