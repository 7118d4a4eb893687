package dev.detour.config;

import java.util.List;

/**
 * One {@code [sessions.NAME]} table: a lane of agent traffic served by one bridge.
 *
 * @param route upstream names in order: the first is where traffic goes now, the rest are fallbacks
 * @param team  whether team overrides apply to this session ({@code team = false} opts it out)
 */
public record Session(String name, int port, List<String> route, Failover failover, boolean team) {
    public Session {
        route = List.copyOf(route);
    }

    public Session(String name, int port, List<String> route, Failover failover) {
        this(name, port, route, failover, true);
    }

    public Session withRoute(List<String> newRoute) {
        return new Session(name, port, newRoute, failover, team);
    }

    public Session withFailover(Failover newFailover) {
        return new Session(name, port, route, newFailover, team);
    }
}
