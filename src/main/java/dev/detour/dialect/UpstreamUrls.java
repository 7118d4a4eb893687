package dev.detour.dialect;

import okhttp3.HttpUrl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream request URLs: an upstream's base URL (which may carry a path prefix) followed by a path and query. The base
 * is parsed once per upstream and kept: parsing a whole URL again per request (its host canonicalised, IDN checked)
 * was a tenth of the bridge's own time on a request.
 */
public final class UpstreamUrls {
    /** Base URLs come from the config; a config that keeps changing them starts the cache over past this. */
    private static final int REMEMBERED = 64;
    private static final Map<String, HttpUrl> BASES = new ConcurrentHashMap<>();

    private UpstreamUrls() {
    }

    /**
     * {@code baseUrl} (a trailing slash dropped) followed by {@code path} and, unless null, {@code ?query}: the URL
     * that parsing the joined string would give.
     *
     * @throws IllegalArgumentException when that is no HTTP(S) URL
     */
    public static HttpUrl of(String baseUrl, String path, String query) {
        HttpUrl base = BASES.get(baseUrl);
        if (base == null) {
            base = HttpUrl.get(baseUrl);
            if (BASES.size() >= REMEMBERED) {
                BASES.clear();
            }
            BASES.put(baseUrl, base);
        }
        if (base.encodedQuery() != null || base.encodedFragment() != null) {
            return HttpUrl.get(joined(baseUrl, path, query));
        }
        String prefix = base.encodedPath();
        String basePath = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return base.newBuilder().encodedPath(basePath + path).encodedQuery(query).build();
    }

    private static String joined(String baseUrl, String path, String query) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path + (query == null ? "" : "?" + query);
    }
}
