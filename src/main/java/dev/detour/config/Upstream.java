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
 * @param api             the upstream's dialect as written ({@code api = "..."}), or null for the family's default
 * @param firstByteTimeoutS seconds this upstream may take to send its response headers, or null for the setting's
 * @param network         this upstream's own proxy, CA file and client certificate (unset parts: the settings')
 */
public record Upstream(String name, Family family, String baseUrl, String auth,
                       String statusPage, String statusComponent, Map<String, String> models,
                       String api, Integer firstByteTimeoutS, Network network) {
    public static final String PASSTHROUGH = "passthrough";
    public static final String ENV_PREFIX = "env:";

    public Upstream {
        models = Map.copyOf(models);
        network = network == null ? Network.UNSET : network;
    }

    /** An upstream without network settings of its own. */
    public Upstream(String name, Family family, String baseUrl, String auth, String statusPage, String statusComponent,
                    Map<String, String> models, String api, Integer firstByteTimeoutS) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, api, firstByteTimeoutS, Network.UNSET);
    }

    /** An upstream that speaks its family's default dialect and takes the first-byte limit from the settings. */
    public Upstream(String name, Family family, String baseUrl, String auth,
                    String statusPage, String statusComponent, Map<String, String> models) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, null, null, Network.UNSET);
    }

    /** The dialect the bridge speaks to this upstream: {@code api}, or the family's default. */
    public String dialect() {
        return api != null ? api : family.defaultApi();
    }

    /** Seconds this upstream may take to send its response headers before a request moves on. */
    public int firstByteTimeoutS(Settings settings) {
        return firstByteTimeoutS != null ? firstByteTimeoutS : settings.firstByteTimeoutS();
    }

    public boolean passthrough() {
        return PASSTHROUGH.equals(auth);
    }

    /** The environment variable that holds this upstream's key, when {@code auth = "env:VAR"}. */
    public Optional<String> authEnvVar() {
        return auth != null && auth.startsWith(ENV_PREFIX) ? Optional.of(auth.substring(ENV_PREFIX.length())) : Optional.empty();
    }
}
