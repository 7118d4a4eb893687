package dev.detour.route;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A route change someone asks for (a person at the CLI or the dashboard, later the team), as a pure function of the config. */
public sealed interface RouteRequest {
    /** The sessions it is about, each once, in the order asked. */
    List<String> sessions();

    /** The journal's kind for the change: {@code reroute} or {@code family}. */
    String kind();

    /** The config with the change made; throws {@link RouteException} for an unknown session or upstream. */
    Config apply(Config config);

    /** Move {@code upstream} to the front of each session's route. */
    record Reroute(List<String> sessions, String upstream) implements RouteRequest {
        public Reroute {
            sessions = List.copyOf(new LinkedHashSet<>(sessions));
        }

        @Override
        public String kind() {
            return "reroute";
        }

        @Override
        public Config apply(Config config) {
            return RouteChanges.eachSession(config, sessions, (next, s) -> RouteChanges.reroute(next, s, upstream));
        }
    }

    /** Set each session's family, or flip it when {@code family} is null. */
    record SetFamily(List<String> sessions, Family family) implements RouteRequest {
        public SetFamily {
            sessions = List.copyOf(new LinkedHashSet<>(sessions));
        }

        @Override
        public String kind() {
            return "family";
        }

        @Override
        public Config apply(Config config) {
            return RouteChanges.eachSession(config, sessions, (next, s) -> family == null
                    ? RouteChanges.flipFamily(next, s) : RouteChanges.setFamily(next, s, family));
        }
    }

    /** Move each session to its own upstream (the advice's moves): session to the upstream to put in front. */
    record Moves(Map<String, String> targets) implements RouteRequest {
        public Moves {
            targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        }

        @Override
        public List<String> sessions() {
            return new ArrayList<>(targets.keySet());
        }

        @Override
        public String kind() {
            return "reroute";
        }

        @Override
        public Config apply(Config config) {
            Config next = config;
            for (Map.Entry<String, String> e : targets.entrySet()) {
                next = RouteChanges.reroute(next, e.getKey(), e.getValue());
            }
            return next;
        }
    }

    /**
     * Put routes back as they were (undo). Sessions since removed from the config, and routes naming an upstream
     * that no longer exists, are left alone.
     */
    record Restore(Map<String, List<String>> routes) implements RouteRequest {
        public Restore {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            routes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            routes = java.util.Collections.unmodifiableMap(copy);
        }

        @Override
        public List<String> sessions() {
            return new ArrayList<>(routes.keySet());
        }

        @Override
        public String kind() {
            return "reroute";
        }

        @Override
        public Config apply(Config config) {
            Config next = config;
            for (Map.Entry<String, List<String>> e : routes.entrySet()) {
                Session s = next.session(e.getKey()).orElse(null);
                if (s != null && !e.getValue().isEmpty() && e.getValue().stream().allMatch(config.upstreams()::containsKey)) {
                    next = next.withSession(s.withRoute(e.getValue()));
                }
            }
            return next;
        }
    }
}
