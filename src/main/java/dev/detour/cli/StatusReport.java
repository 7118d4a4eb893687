package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.config.LoadedConfig;

import java.util.List;
import java.util.Map;

/**
 * What {@code detour status} reports, built once and rendered as text ({@link StatusText}) or JSON
 * ({@link StatusJson}). Credentials never enter it: an upstream's auth is its mode and variable name only.
 */
public record StatusReport(String config, List<SessionStatus> sessions, List<UpstreamStatus> upstreams) {
    /**
     * @param family the family of the first upstream of the route
     */
    public record SessionStatus(String name, int port, List<String> route, String family, String failover) {
    }

    /**
     * @param auth   {@code passthrough} or {@code env:VAR}
     * @param keySet for {@code env:VAR}: whether VAR is set in this environment; null for passthrough
     */
    public record UpstreamStatus(String name, String family, String baseUrl, String auth, Boolean keySet) {
    }

    public static StatusReport of(LoadedConfig loaded, Map<String, String> env) {
        Config config = loaded.config();
        List<SessionStatus> sessions = config.sessions().values().stream()
                .map(s -> new SessionStatus(s.name(), s.port(), s.route(), config.familyOf(s).wireName(),
                        s.failover().wireName()))
                .toList();
        List<UpstreamStatus> upstreams = config.upstreams().values().stream()
                .map(u -> new UpstreamStatus(u.name(), u.family().wireName(), u.baseUrl(), u.auth(),
                        u.authEnvVar().map(var -> isSet(env.get(var))).orElse(null)))
                .toList();
        return new StatusReport(loaded.file().toString(), sessions, upstreams);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
