package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.config.Upstream;
import dev.detour.net.Egress;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gathers health once: probes every upstream and control host, reads the status pages and every running bridge's
 * stats, all at the same time on bounded pools, and returns a {@link HealthSnapshot} within the bound given.
 */
public final class HealthCheck implements AutoCloseable {
    private static final int IO_THREADS = 8;

    private final Prober prober;
    private final StatusPageClient pages;
    private final Map<String, String> env;
    private final DetourPaths paths;
    private final ThreadPoolExecutor io;

    /**
     * @param env   where the upstreams' keys are read from ({@code auth = "env:VAR"}); never printed
     * @param paths where the bridges' token files are (for their stats)
     */
    public HealthCheck(Prober prober, StatusPageClient pages, Map<String, String> env, DetourPaths paths) {
        this.prober = prober;
        this.pages = pages;
        this.env = Map.copyOf(env);
        this.paths = paths;
        AtomicInteger n = new AtomicInteger();
        this.io = new ThreadPoolExecutor(IO_THREADS, IO_THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "detour-health-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.io.allowCoreThreadTimeOut(true);
    }

    /** The real thing: system resolver, platform trust store, rungs bounded by {@code probeTimeout}. */
    public static HealthCheck withDefaults(Duration probeTimeout, Map<String, String> env, DetourPaths paths) {
        return new HealthCheck(Prober.withDefaults(probeTimeout), new StatusPageClient(probeTimeout), env, paths);
    }

    /** Everything at once, within {@code bound}. */
    public HealthSnapshot once(Config config, Duration bound) {
        return once(config, bound, java.util.function.UnaryOperator.identity());
    }

    /** Everything at once, with the bridges' traffic signals passed through {@code passiveExtra} (e.g. the team's). */
    public HealthSnapshot once(Config config, Duration bound,
                               java.util.function.UnaryOperator<Map<String, PassiveSignal>> passiveExtra) {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<String, Future<StatusPageReport>> pageFutures = startStatusPages(config);
        Map<String, Future<BridgeStats>> statsFutures = startBridgeStats(config);
        Probes probes = probe(config, bound);
        Map<String, StatusPageReport> pageReports = collectPages(config, pageFutures, deadline, bound);
        Map<String, PassiveSignal> passive = passiveExtra.apply(PassiveSignals.from(collect(statsFutures, deadline)));
        return HealthSnapshot.of(config, probes.upstreams(), passive, pageReports, probes.controls(), Instant.now());
    }

    /** The upstream and control host probes. */
    public record Probes(Map<String, ProbeResult> upstreams, List<ProbeResult> controls) {
    }

    public Probes probe(Config config, Duration bound) {
        List<ProbeTarget> targets = new ArrayList<>();
        Egress egress = new Egress(config.settings(), env::get);
        for (Upstream u : config.upstreams().values()) {
            targets.add(ProbeTarget.forUpstream(u, env).through(egress, u.network()));
        }
        int upstreams = targets.size();
        List<ProbeResult> invalid = new ArrayList<>();
        for (String host : ControlHosts.of(config)) {
            try {
                targets.add(ProbeTarget.forControlHost(host).through(egress, null));
            } catch (IllegalArgumentException e) {
                invalid.add(new ProbeResult(host, host, Instant.now(), List.of(), null, null, null, e.getMessage(),
                        null, null, null, false));
            }
        }
        List<ProbeResult> results = prober.probeAll(targets, bound);
        Map<String, ProbeResult> byUpstream = new LinkedHashMap<>();
        int i = 0;
        for (Upstream u : config.upstreams().values()) {
            byUpstream.put(u.name(), results.get(i++));
        }
        List<ProbeResult> controls = new ArrayList<>(results.subList(upstreams, results.size()));
        controls.addAll(invalid);
        return new Probes(byUpstream, controls);
    }

    public Map<String, StatusPageReport> statusPages(Config config, Duration bound) {
        return collectPages(config, startStatusPages(config), System.nanoTime() + bound.toNanos(), bound);
    }

    public Map<String, PassiveSignal> passive(Config config, Duration bound) {
        return PassiveSignals.from(collect(startBridgeStats(config), System.nanoTime() + bound.toNanos()));
    }

    private Map<String, Future<StatusPageReport>> startStatusPages(Config config) {
        Map<String, Future<StatusPageReport>> futures = new LinkedHashMap<>();
        Map<String, Future<StatusPageReport>> byPage = new LinkedHashMap<>();
        Egress egress = new Egress(config.settings(), env::get);
        for (Upstream u : config.upstreams().values()) {
            if (u.statusPage() == null && u.kind().cloud()) {
                futures.put(u.name(), byPage.computeIfAbsent(u.kind() + "#" + u.region(), k -> submit(() -> pages.fetchCloud(u))));
                continue;
            }
            if (u.statusPage() == null) {
                continue;
            }
            String key = u.statusPage() + "#" + u.statusComponent();
            futures.put(u.name(), byPage.computeIfAbsent(key, k -> submit(() -> pages.fetch(u.statusPage(), u.statusComponent(), egress))));
        }
        return futures;
    }

    private Map<String, Future<BridgeStats>> startBridgeStats(Config config) {
        Map<String, Future<BridgeStats>> futures = new LinkedHashMap<>();
        for (Session s : config.sessions().values()) {
            Path token = paths.tokenFile(s.name());
            if (Files.isReadable(token)) {
                futures.put(s.name(), submit(() -> BridgeClient.forSession(s.port(), token).stats()));
            }
        }
        return futures;
    }

    private <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
        try {
            return io.submit(task);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Map<String, StatusPageReport> collectPages(Config config, Map<String, Future<StatusPageReport>> futures,
                                                              long deadline, Duration bound) {
        Map<String, StatusPageReport> out = new LinkedHashMap<>();
        futures.forEach((name, f) -> {
            StatusPageReport r = get(f, deadline);
            Upstream u = config.upstreams().get(name);
            out.put(name, r != null ? r : StatusPageReport.unreadable(u.statusPage() != null ? u.statusPage() : u.kind().wireName() + " feed", Instant.now(),
                    "no answer within " + bound.toMillis() + " ms"));
        });
        return out;
    }

    private static List<BridgeStats> collect(Map<String, Future<BridgeStats>> futures, long deadline) {
        List<BridgeStats> out = new ArrayList<>();
        futures.values().forEach(f -> {
            BridgeStats s = get(f, deadline);
            if (s != null) {
                out.add(s);
            }
        });
        return out;
    }

    private static <T> T get(Future<T> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            return null;
        } catch (Exception e) {
            f.cancel(true);
            return null;
        }
    }

    @Override
    public void close() {
        prober.close();
        io.shutdownNow();
    }
}
