package dev.detour.bridge;

import dev.detour.net.DeadlineWatcher;
import okhttp3.Call;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cancels upstream calls that overran a limit: first the wait for the response headers, then the silence of each
 * read of the body. A {@link DeadlineWatcher} checks the calls in flight: watching a call costs a set insertion, and a
 * clock read per read of the body. OkHttp's own read and write timeouts are not used: Okio enforces them with a
 * watchdog thread that is woken on every socket read and write, a context switch each, which on a 2-core machine costs
 * the bridge more than its own work.
 */
final class UpstreamDeadlines {
    private static final int HEADERS = 0;
    private static final int BODY = 1;
    private static final int HEADERS_EXPIRED = 2;
    private static final int BODY_EXPIRED = 3;
    private static final int DONE = 4;

    private final DeadlineWatcher<Watched> watched;

    /** One call: waiting for its response headers, then reading its body. */
    final class Watched {
        private final Call call;
        private volatile long deadline;
        private volatile long readLimitNanos;
        private volatile boolean inRead;
        private final AtomicInteger state = new AtomicInteger(HEADERS);

        private Watched(Call call, long deadline) {
            this.call = call;
            this.deadline = deadline;
        }

        /**
         * The headers arrived; from now on each read of the body may wait at most {@code readLimitMs}. False when the
         * headers limit had passed first (the call was or is being cancelled).
         */
        boolean answered(long readLimitMs) {
            readLimitNanos = TimeUnit.MILLISECONDS.toNanos(readLimitMs);
            return state.compareAndSet(HEADERS, BODY);
        }

        /** A read of the body starts: it may wait until the read limit from now. */
        void readStarts() {
            deadline = System.nanoTime() + readLimitNanos;
            inRead = true;
        }

        /** The read returned: the time until the next one (the agent taking the data) is not the upstream's silence. */
        void readEnds() {
            inRead = false;
        }

        /** The call is over (its body closed, or it failed): no longer watched. */
        void done() {
            watched.remove(this);
            state.compareAndSet(HEADERS, DONE);
            state.compareAndSet(BODY, DONE);
        }

        /** Whether the call was cancelled because its headers came too late. */
        boolean headersExpired() {
            return state.get() == HEADERS_EXPIRED;
        }

        /** Whether the call was cancelled because a read of its body waited too long. */
        boolean readExpired() {
            return state.get() == BODY_EXPIRED;
        }

        private void expireIfDue(long now) {
            boolean reading = inRead; // read before the deadline: a read that started since has set its own first
            if (now - deadline < 0) {
                return;
            }
            if (state.compareAndSet(HEADERS, HEADERS_EXPIRED) || reading && state.compareAndSet(BODY, BODY_EXPIRED)) {
                watched.remove(this);
                call.cancel();
            }
        }
    }

    UpstreamDeadlines(String threadName) {
        watched = new DeadlineWatcher<>(threadName, Watched::expireIfDue);
    }

    /** How many calls are watched now. */
    int watching() {
        return watched.size();
    }

    /** Watches a call about to be executed: its response headers are due within {@code headersLimitMs}. */
    Watched watch(Call call, long headersLimitMs) {
        Watched entry = new Watched(call, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(headersLimitMs));
        watched.add(entry);
        return entry;
    }
}
