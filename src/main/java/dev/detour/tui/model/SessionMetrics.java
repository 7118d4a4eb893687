package dev.detour.tui.model;

import dev.detour.wire.BridgeStats.RequestRecord;
import dev.detour.wire.BridgeStats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A session's traffic over the last minute, from its bridge's recent requests.
 *
 * @param perMinute  requests that started in the last 60 s
 * @param errorShare failed share of those (0..1), or null without requests
 * @param last       the newest request, or null
 */
public record SessionMetrics(int perMinute, Double errorShare, RequestRecord last) {
    public static final SessionMetrics NONE = new SessionMetrics(0, null, null);
    private static final Duration WINDOW = Duration.ofSeconds(60);

    public static SessionMetrics of(BridgeStats stats, Instant now) {
        if (stats == null || stats.requests() == null || stats.requests().isEmpty()) {
            return NONE;
        }
        List<RequestRecord> requests = stats.requests();
        Instant since = now.minus(WINDOW);
        int count = 0;
        int failed = 0;
        for (RequestRecord r : requests) {
            if (r.time() != null && r.time().isAfter(since)) {
                count++;
                if (failed(r)) {
                    failed++;
                }
            }
        }
        return new SessionMetrics(count, count == 0 ? null : (double) failed / count, requests.get(requests.size() - 1));
    }

    /** A request the agent did not get an answer for; a client's own 4xx is not the upstream's failure. */
    public static boolean failed(RequestRecord r) {
        return r.status() == 0 || r.status() >= 500 || r.status() == 429 || r.status() == 401 || r.status() == 403
                || (r.failureClass() != null && !r.failureClass().equals("ok") && !r.failureClass().equals("client-error"));
    }
}
