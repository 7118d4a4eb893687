package dev.detour.tui.shell;

import dev.detour.tui.model.Snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Background pollers on a small scheduled pool. Each publishes by replacing the immutable snapshot in an
 * {@link AtomicReference} and wakes the UI thread; the UI thread only ever reads the newest snapshot.
 */
public final class Pollers implements AutoCloseable {
    /** One poll: reads its source (may block on I/O, bounded) and returns the change to the snapshot. */
    @FunctionalInterface
    public interface Poll {
        UnaryOperator<Snapshot> poll(Snapshot current) throws Exception;
    }

    private record Task(String name, Duration interval, Poll poll) {
    }

    private final AtomicReference<Snapshot> latest;
    private final Semaphore wake = new Semaphore(0);
    private final List<Task> tasks = new ArrayList<>();
    private final DashboardLog log;
    private final ScheduledExecutorService pool;

    public Pollers(Snapshot initial, DashboardLog log, int threads) {
        this.latest = new AtomicReference<>(initial);
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "detour-poll-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newScheduledThreadPool(threads, daemons);
    }

    public Pollers add(String name, Duration interval, Poll poll) {
        tasks.add(new Task(name, interval, poll));
        return this;
    }

    public void start() {
        for (Task task : tasks) {
            pool.scheduleWithFixedDelay(() -> run(task), 0, task.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs every poll once, now, in the background. */
    public void refreshNow() {
        for (Task task : tasks) {
            pool.execute(() -> run(task));
        }
    }

    private void run(Task task) {
        try {
            UnaryOperator<Snapshot> change = task.poll().poll(latest.get());
            if (change != null) {
                latest.updateAndGet(change);
                wake.release();
            }
        } catch (Exception | Error e) {
            log.error("poller " + task.name(), e);
        }
    }

    public Snapshot latest() {
        return latest.get();
    }

    /** Wakes the UI thread (a key, an outcome, a publish). */
    public void wake() {
        wake.release();
    }

    /** Waits until something is published or {@code millis} pass; returns whether something was. */
    public boolean await(long millis) throws InterruptedException {
        boolean woke = wake.tryAcquire(millis, TimeUnit.MILLISECONDS);
        wake.drainPermits();
        return woke;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
