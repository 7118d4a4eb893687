package dev.detour.health;

import dev.detour.net.Egress;
import dev.detour.net.NetworkException;
import dev.detour.wire.FailureClassifier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** Fetches a Statuspage's summary and open incidents, each within a bound; failures become "unknown". */
public final class StatusPageClient {
    private static final long MAX_BODY = 1024 * 1024;
    private final OkHttpClient http;

    public StatusPageClient(Duration timeout) {
        this.http = new OkHttpClient.Builder()
                .connectTimeout(timeout).readTimeout(timeout).callTimeout(timeout)
                .followRedirects(true)
                .build();
    }

    /** Fetches through the box's egress (its proxy and CAs) as every other outbound connection does. */
    public StatusPageReport fetch(String page, String componentId, Egress egress) {
        OkHttpClient client;
        try {
            client = egress.apply(http.newBuilder(), null).build();
        } catch (NetworkException unusable) {
            return StatusPageReport.unreadable(page, Instant.now(), unusable.getMessage());
        }
        return fetch(page, componentId, client);
    }

    public StatusPageReport fetch(String page, String componentId) {
        return fetch(page, componentId, http);
    }

    private StatusPageReport fetch(String page, String componentId, OkHttpClient http) {
        String base = page.endsWith("/") ? page.substring(0, page.length() - 1) : page;
        Instant now = Instant.now();
        String summary;
        try {
            summary = get(http, base + "/api/v2/summary.json");
        } catch (IOException e) {
            return StatusPageReport.unreadable(page, now, "summary.json: " + FailureClassifier.shorten(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        String unresolved;
        try {
            unresolved = get(http, base + "/api/v2/incidents/unresolved.json");
        } catch (IOException e) {
            unresolved = null;
        }
        return StatusPageParser.parse(page, componentId, summary, unresolved, now);
    }

    private static String get(OkHttpClient http, String url) throws IOException {
        Request request = new Request.Builder().url(url).header("Accept", "application/json")
                .header("User-Agent", "detour-health").build();
        try (Response r = http.newCall(request).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("HTTP " + r.code());
            }
            return r.peekBody(MAX_BODY).string();
        }
    }
}
