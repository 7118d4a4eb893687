package dev.detour.bridge;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upstream call watcher: a call past its headers limit, or in a read of its body past the read limit, is
 * cancelled; one within its limits, between reads or done is not. The calls are never executed (a cancelled OkHttp
 * call says so without a connection); every test has its own watcher and thread.
 */
class UpstreamDeadlinesTest {
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

    /** Two hasty calls expire in turn: the second one's tick came after a whole pass over every other call. */
    private static void twoTicksPass(UpstreamDeadlines deadlines, OkHttpClient client) throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            Call hasty = client.newCall(new Request.Builder().url("http://127.0.0.1:9/hasty").build());
            deadlines.watch(hasty, 0);
            assertTrue(cancelledWithinBound(hasty), "the hasty call was never cancelled");
        }
    }

    @Test
    void aCallPastItsHeadersLimitIsCancelledAndCountsAsExpired() throws Exception {
        UpstreamDeadlines deadlines = new UpstreamDeadlines("deadlines-test-expired");
        Call call = call();
        UpstreamDeadlines.Watched watched = deadlines.watch(call, 0);
        assertTrue(cancelledWithinBound(call), "the call was never cancelled");
        assertTrue(watched.headersExpired());
        assertFalse(watched.readExpired());
        assertFalse(watched.answered(600_000), "headers that arrive after the cancel are too late");
    }

    @Test
    void aCallWithinItsLimitIsLeftAloneWhileOthersExpire() throws Exception {
        UpstreamDeadlines deadlines = new UpstreamDeadlines("deadlines-test-within");
        Call patient = call();
        UpstreamDeadlines.Watched watched = deadlines.watch(patient, 600_000);
        twoTicksPass(deadlines, client);
        assertFalse(patient.isCanceled(), "a call within its limit was cancelled");
        assertFalse(watched.headersExpired());
        assertTrue(watched.answered(600_000));
    }

    @Test
    void anAnsweredCallIsNotCancelledForItsHeadersLimit() throws Exception {
        UpstreamDeadlines deadlines = new UpstreamDeadlines("deadlines-test-answered");
        Call answered = call();
        assertTrue(deadlines.watch(answered, 0).answered(600_000), "headers before the first tick are in time");
        twoTicksPass(deadlines, client);
        assertFalse(answered.isCanceled());
    }

    @Test
    void aReadPastTheReadLimitIsCancelledAndCountsAsAReadTimeout() throws Exception {
        UpstreamDeadlines deadlines = new UpstreamDeadlines("deadlines-test-read");
        Call call = call();
        UpstreamDeadlines.Watched watched = deadlines.watch(call, 600_000);
        assertTrue(watched.answered(0));
        watched.readStarts();
        assertTrue(cancelledWithinBound(call), "a read past its limit was never cancelled");
        assertTrue(watched.readExpired());
        assertFalse(watched.headersExpired());
    }

    @Test
    void theTimeBetweenReadsAndAfterTheEndIsNotSilence() throws Exception {
        UpstreamDeadlines deadlines = new UpstreamDeadlines("deadlines-test-between");
        Call between = call();
        UpstreamDeadlines.Watched betweenReads = deadlines.watch(between, 600_000);
        assertTrue(betweenReads.answered(0));
        betweenReads.readStarts();
        betweenReads.readEnds();
        Call over = call();
        UpstreamDeadlines.Watched done = deadlines.watch(over, 600_000);
        assertTrue(done.answered(0));
        done.done();
        done.readStarts(); // past its limit at once, but no longer watched
        twoTicksPass(deadlines, client);
        assertFalse(between.isCanceled(), "a call between two reads was cancelled (the agent's slowness is not the upstream's)");
        assertFalse(betweenReads.readExpired());
        assertFalse(over.isCanceled(), "a call that is done was cancelled");
        assertFalse(done.readExpired());
    }

    @Test
    void theWatcherThreadNeverKeepsTheJvmAlive() throws Exception {
        // made on a thread that is not a daemon: a new thread would inherit that (test runners may run tests on daemons)
        Thread maker = new Thread(() -> new UpstreamDeadlines("deadlines-test-daemon"));
        maker.setDaemon(false);
        maker.start();
        maker.join(10_000);
        Thread watcher = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("deadlines-test-daemon")).findFirst().orElseThrow();
        assertTrue(watcher.isDaemon());
    }
}
