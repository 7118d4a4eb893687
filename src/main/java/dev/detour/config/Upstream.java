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
 * @param api             the dialect it speaks, one of its family's
 */
public record Upstream(String name, Family family, String baseUrl, String auth,
                       String statusPage, String statusComponent, Map<String, String> models, Api api) {
    public static final String PASSTHROUGH = "passthrough";
    public static final String ENV_PREFIX = "env:";

    public Upstream {
        models = Map.copyOf(models);
        if (api == null) {
            api = Api.defaultFor(family);
        } else if (api.family() != family) {
            throw new IllegalArgumentException("api " + api.wireName() + " is not a dialect of the " + family.wireName() + " family");
        }
    }

    /** An upstream that speaks its family's default dialect. */
    public Upstream(String name, Family family, String baseUrl, String auth,
                    String statusPage, String statusComponent, Map<String, String> models) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, null);
    }

    public boolean passthrough() {
        return PASSTHROUGH.equals(auth);
    }

    /** The environment variable that holds this upstream's key, when {@code auth = "env:VAR"}. */
    public Optional<String> authEnvVar() {
        return auth != null && auth.startsWith(ENV_PREFIX) ? Optional.of(auth.substring(ENV_PREFIX.length())) : Optional.empty();
    }
}
