package dev.detour.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration model. Maps keep the order of the file.
 *
 * @param team the {@code [team]} table, or null when team mode is off
 */
public record Config(Settings settings, Map<String, Upstream> upstreams, Map<String, Session> sessions,
                     TeamSettings team) {
    public Config {
        upstreams = Collections.unmodifiableMap(new LinkedHashMap<>(upstreams));
        sessions = Collections.unmodifiableMap(new LinkedHashMap<>(sessions));
    }

    public Config(Settings settings, Map<String, Upstream> upstreams, Map<String, Session> sessions) {
        this(settings, upstreams, sessions, null);
    }

    public Optional<TeamSettings> teamSettings() {
        return Optional.ofNullable(team);
    }

    public Optional<Upstream> upstream(String name) {
        return Optional.ofNullable(upstreams.get(name));
    }

    public Optional<Session> session(String name) {
        return Optional.ofNullable(sessions.get(name));
    }

    /** The family of a session is the family of the first upstream of its route: derived, never stored. */
    public Family familyOf(Session session) {
        return session.route().isEmpty() ? null : upstreams.get(session.route().get(0)).family();
    }

    public Config withSession(Session session) {
        Map<String, Session> changed = new LinkedHashMap<>(sessions);
        changed.put(session.name(), session);
        return new Config(settings, upstreams, changed, team);
    }
}
