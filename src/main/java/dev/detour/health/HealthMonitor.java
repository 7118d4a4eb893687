package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.journal.EventJournal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps health current in the background, for the dashboard: the bridges' stats every {@link #TRAFFIC_INTERVAL},
 * probes every {@code probe_interval_s}, status pages every {@code status_interval_s} (both read from the newest
 * config each time). After each step it publishes a fresh {@link HealthSnapshot} and journals every upstream whose
 * state changed as a {@code health} event.
 */
public final class HealthMonitor implements AutoCloseable {
    public static final Duration TRAFFIC_INTERVAL = Duration.ofSeconds(2);
    private static final Duration MAX_PROBE_BOUND = Duration.ofSeconds(5);

    private final HealthCheck check;
    private final Supplier<Config> config;
    private final Consumer<HealthSnapshot> publish;
    private final HealthJournal journal;
    private final ScheduledExecutorService scheduler;
    private volatile HealthCheck.Probes probes = new HealthCheck.Probes(Map.of(), List.of());
    private volatile Map<String, PassiveSignal> passive = Map.of();
    private volatile Map<String, StatusPageReport> pages = Map.of();
    private volatile HealthSnapshot latest;

    /**
     * @param config  the newest config (the dashboard reloads it; the monitor follows)
     * @param publish receives every new snapshot, on the monitor's threads
     * @param journal where state changes are written, or null
     */
    public HealthMonitor(HealthCheck check, Supplier<Config> config, Consumer<HealthSnapshot> publish, EventJournal journal) {
        this.check = check;
        this.config = config;
        this.publish = publish;
        this.journal = journal == null ? null : new HealthJournal(journal);
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(3, r -> {
            Thread t = new Thread(r, "detour-health-monitor-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = pool;
    }

    /** A monitor on the real network, journaling to the state dir's {@code events.jsonl}; already running. */
    public static HealthMonitor start(Supplier<Config> config, Map<String, String> env, DetourPaths paths,
                                      Consumer<HealthSnapshot> publish) {
        HealthMonitor m = new HealthMonitor(HealthCheck.withDefaults(MAX_PROBE_BOUND, env, paths), config, publish,
                new EventJournal(paths.eventsFile()));
        m.start();
        return m;
    }

    /** Starts the three loops; the first probe and status page poll run at once. */
    public void start() {
        scheduler.execute(this::trafficLoop);
        scheduler.execute(this::probeLoop);
        scheduler.execute(this::pageLoop);
    }

    /** The newest snapshot, or null before the first one. */
    public HealthSnapshot latest() {
        return latest;
    }

    /** Probes again now (e.g. right after the user rerouted), besides the regular schedule. */
    public void probeNow() {
        scheduler.execute(() -> step(() -> probes = check.probe(config.get(), probeBound(config.get()))));
    }

    private void trafficLoop() {
        step(() -> passive = check.passive(config.get(), TRAFFIC_INTERVAL));
        reschedule(this::trafficLoop, TRAFFIC_INTERVAL);
    }

    private void probeLoop() {
        Config c = config.get();
        step(() -> probes = check.probe(c, probeBound(c)));
        reschedule(this::probeLoop, Duration.ofSeconds(Math.max(1, c.settings().probeIntervalS())));
    }

    private void pageLoop() {
        Config c = config.get();
        step(() -> pages = check.statusPages(c, MAX_PROBE_BOUND));
        reschedule(this::pageLoop, Duration.ofSeconds(Math.max(1, c.settings().statusIntervalS())));
    }

    private static Duration probeBound(Config c) {
        Duration interval = Duration.ofSeconds(Math.max(1, c.settings().probeIntervalS()));
        return interval.compareTo(MAX_PROBE_BOUND) < 0 ? interval : MAX_PROBE_BOUND;
    }

    private void reschedule(Runnable loop, Duration after) {
        if (!scheduler.isShutdown()) {
            try {
                scheduler.schedule(loop, after.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the monitor was closed meanwhile
            }
        }
    }

    private void step(Runnable gather) {
        try {
            gather.run();
            publishSnapshot();
        } catch (RuntimeException | Error e) {
            // one failed step (e.g. a config being rewritten) must not stop the loops; the next step retries
        }
    }

    private synchronized void publishSnapshot() {
        Config c = config.get();
        HealthCheck.Probes p = probes;
        HealthSnapshot snapshot = HealthSnapshot.of(c, p.upstreams(), passive, pages, p.controls(), Instant.now());
        journalChanges(snapshot);
        latest = snapshot;
        publish.accept(snapshot);
    }

    private void journalChanges(HealthSnapshot snapshot) {
        if (journal != null) {
            journal.record(snapshot);
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        check.close();
    }
}
