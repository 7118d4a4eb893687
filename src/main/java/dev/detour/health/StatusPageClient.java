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

/**
 * Fetches a status page, each request within a bound; failures become "unknown". An incident.io page (OpenAI's)
 * answers {@code /proxy/HOST} with its own JSON, which is read first; an Atlassian Statuspage (or an incident.io page
 * whose own feed is not readable: its Statuspage-compatible summary is all there is) is read from
 * {@code /api/v2/summary.json} and {@code /api/v2/incidents/unresolved.json}.
 */
public final class StatusPageClient {
    private static final long MAX_BODY = 1024 * 1024;
    private final OkHttpClient http;
    private final String awsFeed;
    private final String googleFeed;
    private final Duration timeout;

    public StatusPageClient(Duration timeout) {
        this(timeout, CloudStatusFeeds.AWS_FEED, CloudStatusFeeds.GOOGLE_FEED);
    }

    /** @param awsFeed the AWS Health current-events URL; @param googleFeed the Google Cloud incidents URL */
    public StatusPageClient(Duration timeout, String awsFeed, String googleFeed) {
        this.awsFeed = awsFeed;
        this.googleFeed = googleFeed;
        this.timeout = timeout;
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
        String host = okhttp3.HttpUrl.parse(base) == null ? null : okhttp3.HttpUrl.parse(base).host();
        if (host != null) {
            try {
                StatusPageReport incidentIo = IncidentIoParser.parse(page, componentId, get(http, base + "/proxy/" + host), now);
                if (incidentIo.readable()) {
                    return incidentIo;
                }
            } catch (java.io.InterruptedIOException silent) {
                // OkHttp's connect, read and call timers race: whichever fires, the page was silent this long
                return StatusPageReport.unreadable(page, now, "no answer: timeout after " + timeout.toMillis() + " ms");
            } catch (IOException notIncidentIo) {
                // an Atlassian page has no such feed: its summary.json follows
            }
        }
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

    /** The cloud's public feed for an upstream without a status page: Bedrock or Vertex AI in its region. */
    public StatusPageReport fetchCloud(dev.detour.config.Upstream upstream) {
        boolean aws = upstream.kind() == dev.detour.config.Dialect.BEDROCK;
        String feed = aws ? awsFeed : googleFeed;
        Instant now = Instant.now();
        Request request = new Request.Builder().url(feed).header("Accept", "application/json")
                .header("User-Agent", "detour-health").build();
        try (Response r = http.newCall(request).execute()) {
            if (!r.isSuccessful()) {
                return StatusPageReport.unreadable(feed, now, "HTTP " + r.code());
            }
            byte[] body = r.peekBody(8 * MAX_BODY).bytes();
            return aws ? CloudStatusFeeds.aws(feed, body, upstream.region(), now)
                    : CloudStatusFeeds.google(feed, CloudStatusFeeds.decode(body), upstream.region(), now);
        } catch (IOException e) {
            return StatusPageReport.unreadable(feed, now, FailureClassifier.shorten(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
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
