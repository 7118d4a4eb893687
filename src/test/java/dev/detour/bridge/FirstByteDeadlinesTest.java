package dev.detour.bridge;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first-byte watcher: a call past its limit is cancelled, one within it is not. The calls are never executed (a
 * cancelled OkHttp call says so without a connection); every test has its own watcher and thread.
 */
class FirstByteDeadlinesTest {
    private static final long BOUND_NANOS = 10_000_000_000L;
    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void stop() {
        client.dispatcher().executorService().shutdown();
    }

    private Call call() {
        return client.newCall(new Request.Builder().url("http://127.0.0.1:9/v1/messages").build());
    }

    /** Waits (bounded) until the watcher cancelled the call; false when it never did. */
    private static boolean cancelledWithinBound(Call call) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!call.isCanceled() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return call.isCanceled();
    }

    @Test
    void aCallPastItsLimitIsCancelledAndCountsAsExpired() throws Exception {
        FirstByteDeadlines deadlines = new FirstByteDeadlines("first-byte-test-expired");
        Call call = call();
        FirstByteDeadlines.Watched watched = deadlines.watch(call, 0);
        assertTrue(cancelledWithinBound(call), "the call was never cancelled");
        assertTrue(watched.expired());
        assertFalse(watched.answered(), "headers that arrive after the cancel are too late");
    }

    @Test
    void aCallWithinItsLimitIsLeftAloneWhileOthersExpire() throws Exception {
        FirstByteDeadlines deadlines = new FirstByteDeadlines("first-byte-test-within");
        Call patient = call();
        FirstByteDeadlines.Watched watched = deadlines.watch(patient, 600_000);
        // two expiries in turn: the second one's tick came after a whole pass over the patient call
        for (int i = 0; i < 2; i++) {
            Call hasty = call();
            deadlines.watch(hasty, 0);
            assertTrue(cancelledWithinBound(hasty), "the hasty call was never cancelled");
        }
        assertFalse(patient.isCanceled(), "a call within its limit was cancelled");
        assertFalse(watched.expired());
        assertTrue(watched.answered());
    }

    @Test
    void anAnsweredCallIsNeverCancelled() throws Exception {
        FirstByteDeadlines deadlines = new FirstByteDeadlines("first-byte-test-answered");
        Call answered = call();
        assertTrue(deadlines.watch(answered, 0).answered(), "headers before the first tick are in time");
        Call hasty = call();
        deadlines.watch(hasty, 0);
        assertTrue(cancelledWithinBound(hasty));
        assertFalse(answered.isCanceled());
    }

    @Test
    void theWatcherThreadNeverKeepsTheJvmAlive() throws Exception {
        // made on a thread that is not a daemon: a new thread would inherit that (test runners may run tests on daemons)
        Thread maker = new Thread(() -> new FirstByteDeadlines("first-byte-test-daemon"));
        maker.setDaemon(false);
        maker.start();
        maker.join(10_000);
        Thread watcher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("first-byte-test-daemon")).findFirst().orElseThrow();
        assertTrue(watcher.isDaemon());
    }
}
