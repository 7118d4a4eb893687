package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.health.HealthSnapshot;
import dev.detour.config.LoadedConfig;

import dev.detour.supervise.AgentScan;
import dev.detour.supervise.BridgeState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code detour status} reports, built once and rendered as text ({@link StatusText}) or JSON
 * ({@link StatusJson}). Credentials never enter it: an upstream's auth is its mode and variable name only.
 */
public record StatusReport(String config, List<SessionStatus> sessions, List<UpstreamStatus> upstreams,
                           List<BridgeView> bridges, AgentScan agents, HealthSnapshot health) {
    /**
     * @param family the family of the first upstream of the route
     */
    public record SessionStatus(String name, int port, List<String> route, String family, String failover) {
    }

    /**
     * @param auth    {@code passthrough}, {@code env:VAR}, {@code aws} or {@code gcloud}
     * @param keySet  for {@code env:VAR}: whether VAR is set in this environment; null otherwise
     * @param api     the wire dialect ({@code messages}, {@code bedrock}, {@code vertex}, {@code chat}, ...)
     * @param region  the cloud region, or null
     * @param project the Google Cloud project, or null
     */
    public record UpstreamStatus(String name, String family, String baseUrl, String auth, Boolean keySet,
                                 String api, String region, String project) {
        /** The family, or the dialect and region for a non-default dialect, as tables show it. */
        public String label() {
            return api == null || region == null && (api.equals("messages") || api.equals("chat")) ? family
                    : api + (region != null ? " " + region : "");
        }
    }

    /**
     * A session's bridge as {@code detour status} shows it.
     *
     * @param status   {@code running}, {@code stopped} or {@code crashed}
     * @param uptimeS  seconds since the running bridge started, else null
     * @param restarts restarts after crashes since it was last started by hand
     */
    public record BridgeView(String session, String status, Long pid, Instant startedAt, Long uptimeS, int restarts) {
        static BridgeView of(BridgeState state, Instant now) {
            Duration uptime = state.uptime(now);
            return new BridgeView(state.session(), state.status().word(), state.pid(), state.startedAt(),
                    uptime == null ? null : uptime.toSeconds(), state.restarts());
        }
    }

    public static StatusReport of(LoadedConfig loaded, Map<String, String> env) {
        return of(loaded, env, List.of(), null);
    }

    /** The report with the bridges' states and the agents found, as supervise sees them. */
    public static StatusReport of(LoadedConfig loaded, Map<String, String> env, List<BridgeState> bridges,
                                  AgentScan agents) {
        Config config = loaded.config();
        List<SessionStatus> sessions = config.sessions().values().stream()
                .map(s -> new SessionStatus(s.name(), s.port(), s.route(), config.familyOf(s).wireName(),
                        s.failover().wireName()))
                .toList();
        List<UpstreamStatus> upstreams = config.upstreams().values().stream()
                .map(u -> new UpstreamStatus(u.name(), u.family().wireName(), u.baseUrl(), u.auth(),
                        u.authEnvVar().map(var -> isSet(env.get(var))).orElse(null), u.kind().wireName(), u.region(),
                        u.project()))
                .toList();
        Instant now = Instant.now();
        return new StatusReport(loaded.file().toString(), sessions, upstreams,
                bridges.stream().map(b -> BridgeView.of(b, now)).toList(), agents, null);
    }

    /** The report with upstream health and advice ({@code detour status} without {@code --no-health}). */
    public StatusReport withHealth(HealthSnapshot snapshot) {
        return new StatusReport(config, sessions, upstreams, bridges, agents, snapshot);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }
}
