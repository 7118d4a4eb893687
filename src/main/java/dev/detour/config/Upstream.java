package dev.detour.config;

import java.util.Map;
import java.util.Optional;

/**
 * One {@code [upstreams.NAME]} table.
 *
 * @param auth            {@code "passthrough"} or {@code "env:VAR"}
 * @param statusPage      Atlassian Statuspage base URL, or null
 * @param statusComponent the component id watched on that page, or null
 * @param models          Claude model keyword ({@code opus}, {@code sonnet}, {@code haiku}, {@code default}) to this
 *                        upstream's model name; empty when models pass through unchanged
 */
public record Upstream(String name, Family family, String baseUrl, String auth,
                       String statusPage, String statusComponent, Map<String, String> models) {
    public static final String PASSTHROUGH = "passthrough";
    public static final String ENV_PREFIX = "env:";

    public Upstream {
        models = Map.copyOf(models);
    }

    public boolean passthrough() {
        return PASSTHROUGH.equals(auth);
    }

    /** The environment variable that holds this upstream's key, when {@code auth = "env:VAR"}. */
    public Optional<String> authEnvVar() {
        return auth != null && auth.startsWith(ENV_PREFIX) ? Optional.of(auth.substring(ENV_PREFIX.length())) : Optional.empty();
    }
}
