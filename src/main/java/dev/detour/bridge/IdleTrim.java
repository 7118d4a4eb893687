package dev.detour.bridge;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Gives memory back once a burst of requests is over: the serial collector grows the heap under load and shrinks it
 * only in a full collection, which a quiet bridge never needs on its own. When no request has been in flight for
 * {@link #QUIET_MS} (longer than the server's idle threads live, so their stacks and thread-local buffers are gone)
 * and the heap has grown by {@link #GROWTH_BYTES} since the last collection, it collects once; the bridge's JVM options
 * (supervise/BridgeLauncher) then hand the free heap back to the system. Waits parked, without polling, until a
 * request ends. Agents pause for longer between turns (tools run, the user reads), and the collection (tens of ms,
 * only after the heap grew) never starts while a request is in flight.
 */
final class IdleTrim {
    static final long QUIET_MS = 800;
    static final long GROWTH_BYTES = 6L * 1024 * 1024;

    private final AtomicInteger inFlight;
    private final long quietNanos;
    private final LongSupplier heapCommitted;
    private final Runnable collect;
    private final Thread thread;
    private volatile long lastEnd;
    private volatile boolean pending;
    private long committedAfterTrim;

    /**
     * @param quietMs       how long no request may have been in flight before it collects
     * @param heapCommitted the heap's size now (committed, not used)
     * @param collect       the full collection
     */
    IdleTrim(AtomicInteger inFlight, long quietMs, LongSupplier heapCommitted, Runnable collect) {
        this.inFlight = inFlight;
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMs);
        this.heapCommitted = heapCommitted;
        this.collect = collect;
        this.committedAfterTrim = heapCommitted.getAsLong();
        this.thread = new Thread(this::run, "bridge-idle-trim");
        thread.setDaemon(true);
    }

    /** For a bridge: the JVM's own heap, collected by {@link System#gc()}. */
    static IdleTrim forThisJvm(AtomicInteger inFlight) {
        return new IdleTrim(inFlight, QUIET_MS, Runtime.getRuntime()::totalMemory, System::gc);
    }

    IdleTrim start() {
        thread.start();
        return this;
    }

    /** A request ended; a trim follows once the bridge has been quiet long enough. */
    void requestEnded() {
        lastEnd = System.nanoTime();
        if (!pending) {
            pending = true;
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            while (!pending) {
                LockSupport.park(this);
            }
            long quietFor;
            while ((quietFor = quietNanos - (System.nanoTime() - lastEnd)) > 0 || inFlight.get() > 0) {
                LockSupport.parkNanos(this, Math.max(quietFor, quietNanos / 10));
            }
            pending = false;
            if (inFlight.get() == 0 && heapCommitted.getAsLong() - committedAfterTrim >= GROWTH_BYTES) {
                collect.run();
                committedAfterTrim = heapCommitted.getAsLong();
            }
        }
    }
}
