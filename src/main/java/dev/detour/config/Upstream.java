package dev.detour.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [upstreams.NAME]} table.
 *
 * @param baseUrl           where requests go: as written, or derived from region for a cloud dialect
 * @param auth              {@code "passthrough"}, {@code "env:VAR"}, {@code "aws"} or {@code "gcloud"}
 * @param statusPage        Atlassian Statuspage base URL, or null
 * @param statusComponent   the component id watched on that page, or null
 * @param models            Claude model keyword ({@code opus}, {@code sonnet}, {@code haiku}, {@code default}) to this
 *                          upstream's model name; empty when models pass through unchanged
 * @param api               the upstream's dialect as written ({@code api = "..."}), or null for the family's default
 * @param firstByteTimeoutS seconds this upstream may take to send its response headers, or null for the setting's
 * @param region            the cloud region (Bedrock, Vertex), or null
 * @param project           the Google Cloud project (Vertex), or null
 * @param betas             the {@code anthropic-beta} flags a cloud upstream may get, or null for its dialect's table
 * @param network           this upstream's own proxy, CA file and client certificate (unset parts: the settings')
 */
public record Upstream(String name, Family family, String baseUrl, String auth,
                       String statusPage, String statusComponent, Map<String, String> models,
                       String api, Integer firstByteTimeoutS, String region, String project, List<String> betas,
                       Network network) {
    public static final String PASSTHROUGH = "passthrough";
    public static final String ENV_PREFIX = "env:";
    /** The standard AWS credential chain (SigV4), or a Bedrock API key from {@code AWS_BEARER_TOKEN_BEDROCK}. */
    public static final String AWS = "aws";
    /** Google Application Default Credentials. */
    public static final String GCLOUD = "gcloud";

    public Upstream {
        models = Map.copyOf(models);
        betas = betas == null ? null : List.copyOf(betas);
        network = network == null ? Network.UNSET : network;
    }

    /** An upstream with network settings of its own, outside any cloud region or project. */
    public Upstream(String name, Family family, String baseUrl, String auth, String statusPage, String statusComponent,
                    Map<String, String> models, String api, Integer firstByteTimeoutS, Network network) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, api, firstByteTimeoutS, null, null, null,
                network);
    }

    /** An upstream that speaks its family's default dialect and takes the first-byte limit from the settings. */
    public Upstream(String name, Family family, String baseUrl, String auth,
                    String statusPage, String statusComponent, Map<String, String> models) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, null, null, null, null, null, Network.UNSET);
    }

    public Upstream(String name, Family family, String baseUrl, String auth, String statusPage, String statusComponent,
                    Map<String, String> models, String api, Integer firstByteTimeoutS) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, api, firstByteTimeoutS, null, null, null, Network.UNSET);
    }

    /** A cloud upstream in {@code region} (and {@code project} for Vertex). */
    public Upstream(String name, Family family, String baseUrl, String auth, String statusPage, String statusComponent,
                    Map<String, String> models, Dialect api, String region, String project) {
        this(name, family, baseUrl, auth, statusPage, statusComponent, models, api.wireName(), null, region, project, null, Network.UNSET);
    }

    /** The dialect the bridge speaks to this upstream: {@code api}, or the family's default. */
    public String dialect() {
        return api != null ? api : family.defaultApi();
    }

    /** The dialect as a {@link Dialect}. */
    public Dialect kind() {
        Dialect d = Dialect.fromWireName(dialect(), family);
        return d != null ? d : Dialect.defaultFor(family);
    }

    /** Seconds this upstream may take to send its response headers before a request moves on. */
    public int firstByteTimeoutS(Settings settings) {
        return firstByteTimeoutS != null ? firstByteTimeoutS : settings.firstByteTimeoutS();
    }

    public boolean passthrough() {
        return PASSTHROUGH.equals(auth);
    }

    /** Whether the credential comes from the cloud's own chain ({@code aws}, {@code gcloud}) rather than a key. */
    public boolean ambientAuth() {
        return AWS.equals(auth) || GCLOUD.equals(auth);
    }

    /**
     * How the upstream is shown in tables: the family for its default dialect ({@code anthropic}, {@code openai}),
     * else the dialect and region ({@code bedrock us-west-2}, {@code vertex europe-west1}, {@code responses}).
     */
    public String dialectLabel() {
        if (dialect().equals(family.defaultApi())) {
            return family.wireName();
        }
        return dialect() + (region != null ? " " + region : "");
    }

    /** The environment variable that holds this upstream's key, when {@code auth = "env:VAR"}. */
    public Optional<String> authEnvVar() {
        return auth != null && auth.startsWith(ENV_PREFIX) ? Optional.of(auth.substring(ENV_PREFIX.length())) : Optional.empty();
    }
}
