package dev.detour.route;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The route changes a person makes, as pure functions from one config to the next. The family of a session is the
 * family of the first upstream of its route, so every change here is a reordering (or extension) of the route.
 */
public final class RouteChanges {
    private RouteChanges() {
    }

    /** Makes one change to each named session in turn (a change throws for an unknown session, as alone). */
    public static Config eachSession(Config config, List<String> sessions, BiFunction<Config, String, Config> change) {
        Config next = config;
        for (String session : sessions) {
            next = change.apply(next, session);
        }
        return next;
    }

    /** Moves {@code upstream} to the front of the session's route (adding it when the route does not list it). */
    public static Config reroute(Config config, String session, String upstream) {
        Session s = session(config, session);
        if (config.upstream(upstream).isEmpty()) {
            throw new RouteException("unknown upstream \"" + upstream + "\"" + known(config.upstreams().keySet()));
        }
        return config.withSession(s.withRoute(toFront(s.route(), upstream)));
    }

    /** Switches the session to the other family; see {@link #setFamily}. */
    public static Config flipFamily(Config config, String session) {
        Session s = session(config, session);
        return setFamily(config, session, config.familyOf(s).other());
    }

    /**
     * Makes {@code family} the session's family: the first upstream of that family in its route moves to the front;
     * if the route has none, the first upstream of that family in the config is put first. Unchanged when the
     * session already has that family.
     */
    public static Config setFamily(Config config, String session, Family family) {
        Session s = session(config, session);
        if (config.familyOf(s) == family) {
            return config;
        }
        String target = s.route().stream()
                .filter(name -> config.upstreams().get(name).family() == family)
                .findFirst()
                .or(() -> config.upstreams().values().stream()
                        .filter(u -> u.family() == family)
                        .map(Upstream::name)
                        .findFirst())
                .orElseThrow(() -> new RouteException("no upstream of family " + family.wireName()
                        + " is configured: add an [upstreams.NAME] table with family = \"" + family.wireName() + "\""));
        return config.withSession(s.withRoute(toFront(s.route(), target)));
    }

    static List<String> toFront(List<String> route, String upstream) {
        List<String> next = new ArrayList<>(route.size() + 1);
        next.add(upstream);
        for (String name : route) {
            if (!name.equals(upstream)) {
                next.add(name);
            }
        }
        return next;
    }

    private static Session session(Config config, String name) {
        return config.session(name).orElseThrow(() ->
                new RouteException("unknown session \"" + name + "\"" + known(config.sessions().keySet())));
    }

    private static String known(java.util.Collection<String> names) {
        return names.isEmpty() ? " (none is configured)" : " (configured: " + String.join(", ", names) + ")";
    }
}
