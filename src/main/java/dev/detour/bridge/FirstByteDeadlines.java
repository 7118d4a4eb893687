package dev.detour.bridge;

import okhttp3.Call;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cancels upstream calls whose response headers did not arrive in time. One daemon thread checks the calls waiting
 * a few times a second and sleeps while there are none: watching a call costs a set insertion, not a task handed to
 * a scheduler thread (and woken, and kept queued after cancelling) per request. A limit may overrun by one tick.
 */
final class FirstByteDeadlines {
    static final long TICK_MS = 100;
    private static final int WAITING = 0;
    private static final int ANSWERED = 1;
    private static final int EXPIRED = 2;

    private final Set<Watched> waiting = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private volatile boolean asleep;

    /** One call waiting for its response headers. */
    final class Watched {
        private final Call call;
        private final long deadline;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        private Watched(Call call, long deadline) {
            this.call = call;
            this.deadline = deadline;
        }

        /** The headers arrived: false when the deadline had passed first (the call was or is being cancelled). */
        boolean answered() {
            waiting.remove(this);
            return state.compareAndSet(WAITING, ANSWERED);
        }

        /** Whether the call was cancelled for its deadline. */
        boolean expired() {
            waiting.remove(this);
            return state.get() == EXPIRED;
        }
    }

    FirstByteDeadlines(String threadName) {
        Thread checker = new Thread(this::check, threadName);
        checker.setDaemon(true);
        checker.start();
    }

    Watched watch(Call call, long limitMs) {
        Watched watched = new Watched(call, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs));
        waiting.add(watched);
        if (asleep) {
            synchronized (wake) {
                wake.notifyAll();
            }
        }
        return watched;
    }

    private void check() {
        try {
            while (true) {
                synchronized (wake) {
                    asleep = true;
                    while (waiting.isEmpty()) {
                        wake.wait();
                    }
                    asleep = false;
                }
                Thread.sleep(TICK_MS);
                long now = System.nanoTime();
                for (Watched watched : waiting) {
                    if (now - watched.deadline >= 0 && watched.state.compareAndSet(WAITING, EXPIRED)) {
                        waiting.remove(watched);
                        watched.call.cancel();
                    }
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
