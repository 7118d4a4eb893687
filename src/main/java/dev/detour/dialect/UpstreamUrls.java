package dev.detour.dialect;

import okhttp3.HttpUrl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upstream request URLs: an upstream's base URL (which may carry a path prefix) followed by a path and query. Each URL
 * is parsed once and kept (a bridge calls few distinct ones): parsing it per request (its host canonicalised, IDN
 * checked) was a tenth of the bridge's own time on a request.
 */
public final class UpstreamUrls {
    /** Base URLs come from the config and paths from agents; past this many the cache starts over. */
    private static final int REMEMBERED = 256;
    private static final Map<String, HttpUrl> URLS = new ConcurrentHashMap<>();

    private UpstreamUrls() {
    }

    /**
     * {@code baseUrl} (a trailing slash dropped) followed by {@code path} and, unless null, {@code ?query}.
     *
     * @throws IllegalArgumentException when that is no HTTP(S) URL
     */
    public static HttpUrl of(String baseUrl, String path, String query) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String joined = base + path + (query == null ? "" : "?" + query);
        HttpUrl url = URLS.get(joined);
        if (url == null) {
            url = HttpUrl.get(joined);
            if (URLS.size() >= REMEMBERED) {
                URLS.clear();
            }
            URLS.put(joined, url);
        }
        return url;
    }
}
