package dev.detour.bridge;

import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.ConnectionListener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The upstream connection pool, whose clean-up (closing connections idle past the keep-alive or beyond the idle limit)
 * runs at most {@link #CHECK_MS} late instead of at once. OkHttp schedules that clean-up every time a call releases its
 * connection and wakes its task thread for it: a context switch and two thread renames per request, about a tenth of a
 * busy bridge's CPU on 2 cores (scripts/bench-bridge). Here the task thread is never woken early; it looks at the
 * schedule at least every {@link #CHECK_MS}. OkHttp has no public API for this: the pool's task runner and its backend
 * are OkHttp's internal classes, pinned with OkHttp's version in the pom.
 */
final class PoolCleanup implements TaskRunner.Backend {
    static final long CHECK_MS = 1000;
    static final int MAX_IDLE_CONNECTIONS = 5;
    static final long KEEP_ALIVE_MINUTES = 5;

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "bridge-connection-pool");
                thread.setDaemon(true);
                return thread;
            });

    private PoolCleanup() {
    }

    /** A connection pool (OkHttp's defaults: 5 idle connections kept 5 minutes) with the late clean-up. */
    static ConnectionPool pool() {
        return pool(MAX_IDLE_CONNECTIONS, TimeUnit.MINUTES.toMillis(KEEP_ALIVE_MINUTES));
    }

    static ConnectionPool pool(int maxIdleConnections, long keepAliveMs) {
        TaskRunner runner = new TaskRunner(new PoolCleanup(), Logger.getLogger(PoolCleanup.class.getName()));
        return new ConnectionPool(maxIdleConnections, keepAliveMs, TimeUnit.MILLISECONDS, runner,
                ConnectionListener.Companion.getNONE());
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Not woken: the task thread finds a clean-up that became due when its wait of at most {@link #CHECK_MS} ends. */
    @Override
    public void coordinatorNotify(TaskRunner taskRunner) {
    }

    /** Called with the runner's lock held, as OkHttp's own backend is. */
    @Override
    public void coordinatorWait(TaskRunner taskRunner, long nanos) {
        long waitNanos = Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(CHECK_MS));
        if (waitNanos <= 0) {
            return;
        }
        try {
            taskRunner.wait(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
        } catch (InterruptedException ignored) {
            // nothing interrupts these threads; a wait cut short only means an early look at the schedule
        }
    }

    @Override
    public <T> BlockingQueue<T> decorate(BlockingQueue<T> queue) {
        return queue;
    }

    @Override
    public void execute(TaskRunner taskRunner, Runnable runnable) {
        threads.execute(runnable);
    }
}
