package dev.detour.net;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ObjLongConsumer;

/**
 * One daemon thread that checks the things it watches a few times a second, and sleeps while it watches none: the
 * way network limits are kept without a timer task per request (a task handed to a scheduler thread, and that
 * thread woken, for every call) or a socket timeout per read. A limit may overrun by one tick.
 *
 * @param <T> what is watched: {@code check} gets each one and the time ({@link System#nanoTime()}) at every tick
 */
public final class DeadlineWatcher<T> {
    public static final long TICK_MS = 100;

    private final Set<T> watched = ConcurrentHashMap.newKeySet();
    private final ObjLongConsumer<T> check;
    private final Object wake = new Object();
    private volatile boolean asleep;

    public DeadlineWatcher(String threadName, ObjLongConsumer<T> check) {
        this.check = check;
        Thread checker = new Thread(this::run, threadName);
        checker.setDaemon(true);
        checker.start();
    }

    public void add(T item) {
        watched.add(item);
        if (asleep) {
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    public void remove(T item) {
        watched.remove(item);
    }

    public int size() {
        return watched.size();
    }

    private void run() {
        try {
            while (true) {
                synchronized (wake) {
                    asleep = true;
                    while (watched.isEmpty()) {
                        wake.wait();
                    }
                    asleep = false;
                }
                Thread.sleep(TICK_MS);
                long now = System.nanoTime();
                for (T item : watched) {
                    check.accept(item, now);
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
