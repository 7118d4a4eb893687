package dev.detour.bridge;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collection after a burst: once quiet, only when the heap grew, never while a request is in flight. */
class IdleTrimTest {
    private static final long QUIET_MS = 100;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong heap = new AtomicLong(8L << 20);
    private final Semaphore collections = new Semaphore(0);
    private final IdleTrim trim = new IdleTrim(inFlight, QUIET_MS, heap::get, () -> {
        heap.set(8L << 20);
        collections.release();
    }).start();

    @Test
    void collectsOnceQuietAfterTheHeapGrew() throws InterruptedException {
        heap.set(40L << 20);
        long ended = System.nanoTime();
        trim.requestEnded();
        assertTrue(collections.tryAcquire(5, TimeUnit.SECONDS), "no collection after the burst");
        assertTrue(System.nanoTime() - ended >= TimeUnit.MILLISECONDS.toNanos(QUIET_MS), "collected before it was quiet");
        assertFalse(collections.tryAcquire(3 * QUIET_MS, TimeUnit.MILLISECONDS), "collected twice for one burst");
    }

    @Test
    void leavesAHeapThatDidNotGrowAlone() throws InterruptedException {
        heap.set((8L << 20) + IdleTrim.GROWTH_BYTES - 1);
        trim.requestEnded();
        assertFalse(collections.tryAcquire(5 * QUIET_MS, TimeUnit.MILLISECONDS));
        heap.set((8L << 20) + IdleTrim.GROWTH_BYTES);
        trim.requestEnded();
        assertTrue(collections.tryAcquire(5, TimeUnit.SECONDS), "no collection once the heap grew enough");
    }

    @Test
    void waitsWhileARequestIsInFlight() throws InterruptedException {
        heap.set(40L << 20);
        inFlight.set(1);
        trim.requestEnded();
        assertFalse(collections.tryAcquire(5 * QUIET_MS, TimeUnit.MILLISECONDS), "collected during a request");
        inFlight.set(0);
        assertTrue(collections.tryAcquire(5, TimeUnit.SECONDS), "no collection once the request ended");
        assertEquals(0, collections.availablePermits());
    }
}
