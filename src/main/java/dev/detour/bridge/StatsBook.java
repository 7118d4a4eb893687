package dev.detour.bridge;

import dev.detour.wire.BridgeStats;
import dev.detour.wire.FailureClass;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What a bridge remembers of its traffic for {@code /_detour/stats}: recent requests and each upstream's attempts. */
public final class StatsBook {
    static final int RECENT_REQUESTS = 200;
    static final int RECENT_ATTEMPTS = 100;
    static final Duration SESSION_WINDOW = Duration.ofMinutes(10);

    /** One try of one upstream within a request. */
    public record Attempt(Instant time, int status, FailureClass failureClass, Long ttfbMs) {
    }

    private final Deque<BridgeStats.RequestRecord> requests = new ArrayDeque<>();
    private final Map<String, Deque<Attempt>> attempts = new HashMap<>();
    private final Map<String, Instant> claudeSessions = new LinkedHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public AtomicInteger inFlight() {
        return inFlight;
    }

    public synchronized void attempt(String upstream, Attempt attempt) {
        Deque<Attempt> recent = attempts.computeIfAbsent(upstream, k -> new ArrayDeque<>());
        recent.addLast(attempt);
        while (recent.size() > RECENT_ATTEMPTS) {
            recent.removeFirst();
        }
    }

    public synchronized void request(BridgeStats.RequestRecord record) {
        requests.addLast(record);
        while (requests.size() > RECENT_REQUESTS) {
            requests.removeFirst();
        }
        if (record.claudeSession() != null) {
            claudeSessions.remove(record.claudeSession());
            claudeSessions.put(record.claudeSession(), record.time());
        }
    }

    public synchronized List<BridgeStats.RequestRecord> requests() {
        return new ArrayList<>(requests);
    }

    /** The upstream that answered the newest request, or null. */
    public synchronized String serving() {
        return requests.isEmpty() ? null : requests.getLast().upstream();
    }

    public synchronized List<String> claudeSessions(Instant now) {
        claudeSessions.values().removeIf(seen -> seen.isBefore(now.minus(SESSION_WINDOW)));
        return new ArrayList<>(claudeSessions.keySet());
    }

    /** Counts over the upstream's recent attempts. */
    public synchronized BridgeStats.UpstreamStats upstream(String name, String breaker, String skipped) {
        Deque<Attempt> recent = attempts.getOrDefault(name, new ArrayDeque<>());
        Map<String, Integer> classes = new TreeMap<>();
        List<Long> ttfbs = new ArrayList<>();
        int failures = 0;
        for (Attempt a : recent) {
            classes.merge(a.failureClass().word(), 1, Integer::sum);
            if (a.failureClass() != FailureClass.OK && a.failureClass() != FailureClass.CLIENT_ERROR) {
                failures++;
            }
            if (a.ttfbMs() != null) {
                ttfbs.add(a.ttfbMs());
            }
        }
        ttfbs.sort(null);
        Attempt last = recent.peekLast();
        return new BridgeStats.UpstreamStats(breaker, skipped, recent.size(), failures, classes,
                ttfbs.isEmpty() ? null : ttfbs.get(ttfbs.size() / 2),
                last == null ? null : last.status(), last == null ? null : last.time());
    }
}
