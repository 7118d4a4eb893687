package dev.detour.health;

import dev.detour.config.Family;
import dev.detour.config.Network;
import dev.detour.config.Upstream;
import dev.detour.net.Egress;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one probe climbs the ladder to: an upstream's models endpoint, or a control host.
 *
 * @param name    the upstream's name, or the control host as configured
 * @param url     the URL fetched at the last rung (never an endpoint that spends tokens)
 * @param headers request headers, possibly holding the upstream's key: never printed ({@link #toString()} hides them)
 * @param control whether this is a control host, for which any HTTP answer proves reachability
 */
public record ProbeTarget(String name, String url, Map<String, String> headers, boolean credential, boolean control,
                          Network network, Egress egress) {
    public static final String ANTHROPIC_VERSION = "2023-06-01";
    /** Probed unsigned: Bedrock refuses with 403 before it looks at the model, which proves its API answers. */
    static final String BEDROCK_PROBE_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1%3A0";

    public ProbeTarget {
        headers = Map.copyOf(headers);
    }

    /** A target reached with the probe ladder's own trust and no proxy (tests of the ladder itself). */
    public ProbeTarget(String name, String url, Map<String, String> headers, boolean credential, boolean control) {
        this(name, url, headers, credential, control, null, null);
    }

    /** This target reached the way {@code egress} says (proxy, CAs, client certificate) for {@code network}. */
    public ProbeTarget through(Egress egress, Network network) {
        return new ProbeTarget(name, url, headers, credential, control, network, egress);
    }

    /**
     * The models endpoint of an upstream ({@code {base}/v1/models}, or {@code {base}/models} for the openai family;
     * Bedrock's invoke path unsigned, Vertex's Anthropic publisher models list),
     * with the upstream's key when {@code auth = "env:VAR"} names a variable that is set. Passthrough upstreams are
     * probed without a key: a 401 still proves the API answers.
     */
    public static ProbeTarget forUpstream(Upstream upstream, Map<String, String> env) {
        String base = upstream.baseUrl().endsWith("/")
                ? upstream.baseUrl().substring(0, upstream.baseUrl().length() - 1) : upstream.baseUrl();
        String key = upstream.authEnvVar().map(env::get).filter(v -> !v.isBlank()).orElse(null);
        Map<String, String> headers = new LinkedHashMap<>();
        String url;
        if (upstream.kind() == dev.detour.config.Dialect.BEDROCK) {
            url = base + "/model/" + BEDROCK_PROBE_MODEL + "/invoke";
        } else if (upstream.kind() == dev.detour.config.Dialect.VERTEX) {
            url = (base.endsWith("/v1") ? base : base + "/v1") + "/projects/" + upstream.project() + "/locations/"
                    + upstream.region() + "/publishers/anthropic/models";
            if (key != null) {
                headers.put("Authorization", "Bearer " + key);
            }
        } else if (upstream.family() == Family.OPENAI) {
            url = base + "/models";
            if (key != null) {
                headers.put("Authorization", "Bearer " + key);
            }
        } else {
            url = base + "/v1/models";
            headers.put("anthropic-version", ANTHROPIC_VERSION);
            if (key != null) {
                headers.put("x-api-key", key);
            }
        }
        return new ProbeTarget(upstream.name(), url, headers, key != null, false);
    }

    /**
     * A control host as configured: {@code host}, {@code host:port}, an IPv6 address (all HTTPS) or a URL
     * ({@code https://host[:port]}, {@code http://host:port}).
     */
    public static ProbeTarget forControlHost(String spec) {
        String s = spec.strip();
        if (!s.contains("://") && !s.startsWith("[") && s.indexOf(':') != s.lastIndexOf(':')) {
            s = "[" + s + "]";
        }
        String url = s.contains("://") ? s : "https://" + s;
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("control host \"" + spec + "\": expected host, host:port or an http(s) URL");
        }
        if (uri.getHost() == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("control host \"" + spec + "\": expected host, host:port or an http(s) URL");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        return new ProbeTarget(spec, origin + path, Map.of(), false, true);
    }

    @Override
    public String toString() {
        return "ProbeTarget[" + name + " " + url + (credential ? " with key" : "") + (control ? " control" : "") + "]";
    }
}
