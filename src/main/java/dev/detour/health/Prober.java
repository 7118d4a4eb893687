package dev.detour.health;

import okhttp3.Dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.X509TrustManager;

/**
 * Probes many targets at once on a fixed number of threads, and never keeps its caller waiting past the bound it
 * is given: a probe still running then is cancelled and reported as stuck on the rung it had reached.
 */
public final class Prober implements AutoCloseable {
    public static final int DEFAULT_THREADS = 16;
    public static final String THREAD_PREFIX = "detour-probe-";
    private static final int MAX_WAITING = 1024;
    private static final int DNS_THREADS = 4;

    private final ThreadPoolExecutor probes;
    private final ThreadPoolExecutor dnsLookups;
    private final ProbeLadder ladder;

    /**
     * @param threads how many probes run at the same time
     * @param timeout the bound of one probe's rungs
     */
    public Prober(int threads, Duration timeout, X509TrustManager trust, Dns resolver) {
        this.probes = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), daemon(THREAD_PREFIX));
        this.probes.allowCoreThreadTimeOut(true);
        this.dnsLookups = new ThreadPoolExecutor(DNS_THREADS, DNS_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), daemon("detour-dns-"));
        this.dnsLookups.allowCoreThreadTimeOut(true);
        this.ladder = new ProbeLadder(timeout, dnsLookups, trust, resolver);
    }

    /** The default prober: {@value #DEFAULT_THREADS} threads, the platform's trust store and resolver. */
    public static Prober withDefaults(Duration timeout) {
        return new Prober(DEFAULT_THREADS, timeout, ProbeLadder.platformTrust(), Dns.SYSTEM);
    }

    /**
     * Probes every target concurrently and returns one result per target, in order, within {@code bound} (plus the
     * time to cancel what is still running).
     */
    public List<ProbeResult> probeAll(List<ProbeTarget> targets, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<LadderProgress> progress = new ArrayList<>();
        List<Future<ProbeResult>> futures = new ArrayList<>();
        for (ProbeTarget target : targets) {
            LadderProgress p = new LadderProgress(target);
            progress.add(p);
            try {
                futures.add(probes.submit(() -> ladder.probe(target, p)));
            } catch (RejectedExecutionException e) {
                futures.add(CompletableFuture.completedFuture(p.timedOut(bound.toMillis())));
            }
        }
        for (Future<ProbeResult> f : futures) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                f.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                // reported below as a probe that did not finish
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // First keep every queued probe from starting, then stop the running ones: stopping one frees its thread,
        // which must find nothing left to start.
        List<Integer> unfinished = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            if (!futures.get(i).isDone()) {
                unfinished.add(i);
                futures.get(i).cancel(false);
            }
        }
        for (int i : unfinished) {
            progress.get(i).cancel(bound.toMillis());
        }
        List<ProbeResult> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Future<ProbeResult> f = futures.get(i);
            ProbeResult r = null;
            if (f.isDone() && !f.isCancelled()) {
                try {
                    r = f.get();
                } catch (ExecutionException | InterruptedException e) {
                    r = null;
                }
            }
            results.add(r != null ? r : progress.get(i).timedOut(bound.toMillis()));
        }
        return results;
    }

    /** Threads of this prober alive now (for the test that the bound holds). */
    public int liveThreads() {
        return probes.getPoolSize();
    }

    public int largestPoolSize() {
        return probes.getLargestPoolSize();
    }

    @Override
    public void close() {
        probes.shutdownNow();
        dnsLookups.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
