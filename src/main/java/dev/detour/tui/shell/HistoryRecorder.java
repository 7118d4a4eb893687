package dev.detour.tui.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.detour.wire.BridgeStats;
import dev.detour.wire.BridgeStats.RequestRecord;
import dev.detour.config.Config;
import dev.detour.config.PrivateFiles;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.Series;
import dev.detour.tui.model.SessionMetrics;
import dev.detour.tui.model.Snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the last 15 minutes of traffic per upstream and per session from the bridges' recent requests, in buckets of
 * {@link Series#BUCKET_S} seconds, and keeps them in the state dir ({@code history.json}, bounded to the configured
 * names and the window) so that they survive a restart of the dashboard and of a bridge.
 */
public final class HistoryRecorder {
    /** Jackson takes a while to start: the dashboard's first frame does not wait for it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    }

    /** One bucket of one key. */
    record Bucket(long index, int requests, int failures, long ttfbSum, int ttfbCount) {
        Bucket plus(boolean failed, Long ttfb) {
            return new Bucket(index, requests + 1, failures + (failed ? 1 : 0), ttfbSum + (ttfb == null ? 0 : ttfb),
                    ttfbCount + (ttfb == null ? 0 : 1));
        }
    }

    /** What {@code history.json} holds. */
    record Saved(Map<String, List<Bucket>> buckets, Map<String, Instant> seen) {
    }

    private final Path file;
    private final Map<String, Map<Long, Bucket>> buckets = new HashMap<>();
    private final Map<String, Instant> seen = new HashMap<>();
    private boolean loaded;

    public HistoryRecorder(Path file) {
        this.file = file;
    }

    /** Reads what an earlier dashboard kept; an unreadable file starts an empty history. */
    public synchronized HistoryRecorder load() {
        loaded = true;
        try {
            if (Files.exists(file)) {
                Saved saved = Json.MAPPER.readValue(file.toFile(), Saved.class);
                saved.buckets().forEach((key, list) -> list.forEach(b -> buckets.computeIfAbsent(key, k -> new HashMap<>())
                        .put(b.index(), b)));
                seen.putAll(saved.seen());
            }
        } catch (IOException | RuntimeException unreadable) {
            buckets.clear();
            seen.clear();
        }
        return this;
    }

    /** Adds the requests the bridges served since the last call, then drops what fell out of the window. */
    public synchronized void record(Snapshot snapshot, Instant now) {
        for (BridgeView bridge : snapshot.bridges().values()) {
            BridgeStats stats = bridge.stats();
            if (stats == null || stats.requests() == null) {
                continue;
            }
            Instant last = seen.get(bridge.session());
            Instant newest = last;
            for (RequestRecord r : stats.requests()) {
                if (r.time() == null || (last != null && !r.time().isAfter(last))) {
                    continue;
                }
                long index = r.time().getEpochSecond() / Series.BUCKET_S;
                boolean failed = SessionMetrics.failed(r);
                add("s:" + bridge.session(), index, failed, r.ttfbMs());
                if (r.upstream() != null) {
                    add("u:" + r.upstream(), index, failed, r.ttfbMs());
                }
                newest = newest == null || r.time().isAfter(newest) ? r.time() : newest;
            }
            if (newest != null) {
                seen.put(bridge.session(), newest);
            }
        }
        long oldest = now.getEpochSecond() / Series.BUCKET_S - Series.BUCKETS + 1;
        buckets.values().forEach(m -> m.keySet().removeIf(i -> i < oldest));
        buckets.values().removeIf(Map::isEmpty);
    }

    private void add(String key, long index, boolean failed, Long ttfb) {
        buckets.computeIfAbsent(key, k -> new HashMap<>())
                .merge(index, new Bucket(index, 0, 0, 0, 0).plus(failed, ttfb), (a, b) -> a.plus(failed, ttfb));
    }

    /** The window ending now, for every key with traffic in it. */
    public synchronized Map<String, Series> series(Instant now) {
        long end = now.getEpochSecond() / Series.BUCKET_S;
        Map<String, Series> out = new LinkedHashMap<>();
        buckets.forEach((key, byIndex) -> {
            List<Integer> requests = new ArrayList<>(Series.BUCKETS);
            List<Double> errors = new ArrayList<>(Series.BUCKETS);
            List<Long> latency = new ArrayList<>(Series.BUCKETS);
            for (long i = end - Series.BUCKETS + 1; i <= end; i++) {
                Bucket b = byIndex.get(i);
                requests.add(b == null ? 0 : b.requests());
                errors.add(b == null || b.requests() == 0 ? null : (double) b.failures() / b.requests());
                latency.add(b == null || b.ttfbCount() == 0 ? null : b.ttfbSum() / b.ttfbCount());
            }
            Series series = new Series(requests, errors, latency);
            if (!series.empty()) {
                out.put(key, series);
            }
        });
        return out;
    }

    /**
     * Writes the history for the configured names only (bounded: names × {@link Series#BUCKETS}), atomically, 0600;
     * nothing before {@link #load()}, so that a dashboard quit before its first poll keeps the earlier history.
     */
    public synchronized void save(Config config) throws IOException {
        if (!loaded) {
            return;
        }
        Map<String, List<Bucket>> kept = new LinkedHashMap<>();
        buckets.forEach((key, byIndex) -> {
            String name = key.substring(2);
            boolean configured = key.startsWith("s:") ? config.sessions().containsKey(name) : config.upstreams().containsKey(name);
            if (configured) {
                kept.put(key, List.copyOf(byIndex.values()));
            }
        });
        Map<String, Instant> keptSeen = new LinkedHashMap<>(seen);
        keptSeen.keySet().retainAll(config.sessions().keySet());
        Path tmp = PrivateFiles.file(file.resolveSibling(file.getFileName() + ".tmp"));
        Json.MAPPER.writeValue(tmp.toFile(), new Saved(kept, keptSeen));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A poll for the pollers: load the kept history (first time), record, publish the series, save about once a minute. */
    public Pollers.Poll poll(java.time.Clock clock) {
        long[] savedAt = {0};
        return current -> {
            synchronized (this) {
                if (!loaded) {
                    load();
                }
            }
            Instant now = clock.instant();
            record(current, now);
            if (now.getEpochSecond() - savedAt[0] >= 60) {
                savedAt[0] = now.getEpochSecond();
                save(current.config());
            }
            Map<String, Series> series = series(now);
            return s -> s.withHistory(series);
        };
    }
}
