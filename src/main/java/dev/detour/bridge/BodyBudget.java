package dev.detour.bridge;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The heap the bridge lets request bodies take, all requests together. A body costs several times its size while
 * it is held (the bytes, the parsed JSON, the text the parser builds), so the bridge reserves that much before it
 * reads one and keeps the reservation until the request is answered; a request that does not fit waits, bounded.
 */
public final class BodyBudget {
    /** What one body costs in heap, as a multiple of its size. */
    static final int COST_FACTOR = 4;
    private static final int UNIT = 1024;

    private final Semaphore units;
    private final int totalUnits;

    /** @param bytes the heap request bodies may take together */
    public BodyBudget(long bytes) {
        this.totalUnits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / UNIT));
        this.units = new Semaphore(totalUnits, true);
    }

    /** The budget of this JVM: its maximum heap less what the rest of the bridge needs. */
    public static BodyBudget forThisJvm() {
        long max = Runtime.getRuntime().maxMemory();
        return new BodyBudget(Math.max(max / 4, max - 40L * 1024 * 1024));
    }

    /** The largest body that fits at all: {@code ceiling}, or less when the heap is smaller. */
    public int largestBody(int ceiling) {
        return (int) Math.min(ceiling, (long) totalUnits * UNIT / COST_FACTOR);
    }

    /** A reservation for a body of {@code bodyBytes}, or null when none became free within {@code waitMs}. */
    public Reservation reserve(long bodyBytes, long waitMs) throws InterruptedException {
        int wanted = (int) Math.min(totalUnits, (bodyBytes * COST_FACTOR + UNIT - 1) / UNIT);
        if (wanted == 0) {
            return () -> {
            };
        }
        if (!units.tryAcquire(wanted, waitMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        return () -> units.release(wanted);
    }

    /** Held while a request is in flight; closing it gives the heap back. */
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }
}
