package dev.detour.bridge;

import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A watched body: a read that outwaits its limit fails as a read timeout, other failures stay what they are, and
 * closing it closes the upstream's body and ends the watch. The bodies are made here; an upstream call is stood for
 * by a source that fails once its call was cancelled, as OkHttp's does.
 */
class WatchedBodyTest {
    private static final MediaType SSE = MediaType.get("text/event-stream");
    private final OkHttpClient client = new OkHttpClient();
    private final UpstreamDeadlines deadlines = new UpstreamDeadlines("watched-body-test");

    @AfterEach
    void stop() {
        client.dispatcher().executorService().shutdown();
    }

    private Call call() {
        return client.newCall(new Request.Builder().url("http://127.0.0.1:9/v1/messages").build());
    }

    /** A body whose reads give {@code data} once, then block until the call is cancelled (bounded) and fail. */
    private static final class UpstreamSource implements Source {
        private final Call call;
        private final IOException failure;
        private Buffer data;
        final AtomicBoolean closed = new AtomicBoolean();

        UpstreamSource(Call call, String data, IOException failure) {
            this.call = call;
            this.data = data.isEmpty() ? null : new Buffer().writeUtf8(data);
            this.failure = failure;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            if (data != null) {
                long n = data.read(sink, byteCount);
                data = null;
                return n;
            }
            if (failure != null) {
                throw failure;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!call.isCanceled() && System.nanoTime() - deadline < 0) {
                sleep(10);
            }
            throw new IOException("Canceled");
        }

        @Override
        public Timeout timeout() {
            return Timeout.NONE;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static ResponseBody body(Source source) {
        return ResponseBody.create(Okio.buffer(source), SSE, -1);
    }

    @Test
    void aReadPastItsLimitFailsAsAReadTimeout() {
        Call call = call();
        UpstreamDeadlines.Watched watched = deadlines.watch(call, 600_000);
        assertTrue(watched.answered(0));
        BufferedSource source = new WatchedBody(body(new UpstreamSource(call, "event: ping\n\n", null)), watched).source();
        assertThrows(SocketTimeoutException.class, () -> {
            source.readUtf8LineStrict(); // the first line is there
            source.readUtf8LineStrict();
            source.readUtf8LineStrict(); // blocks: nothing more comes
        });
        assertTrue(call.isCanceled());
        assertTrue(watched.readExpired());
    }

    @Test
    void anUpstreamFailureInTimeStaysWhatItIs() {
        Call call = call();
        UpstreamDeadlines.Watched watched = deadlines.watch(call, 600_000);
        assertTrue(watched.answered(600_000));
        IOException reset = new IOException("connection reset");
        BufferedSource source = new WatchedBody(body(new UpstreamSource(call, "", reset)), watched).source();
        IOException thrown = assertThrows(IOException.class, source::readByte);
        assertSame(reset, thrown);
        assertFalse(call.isCanceled());
    }

    @Test
    void theTimeBetweenReadsIsNotSilenceAndClosingEndsTheWatch() throws Exception {
        Call call = call();
        UpstreamDeadlines.Watched watched = deadlines.watch(call, 600_000);
        assertTrue(watched.answered(0));
        UpstreamSource upstream = new UpstreamSource(call, "event: ping\n\n", null);
        WatchedBody body = new WatchedBody(body(upstream), watched);
        assertEquals("event: ping", body.source().readUtf8LineStrict());
        assertEquals(SSE, body.contentType());
        sleep(3 * dev.detour.net.DeadlineWatcher.TICK_MS);
        assertFalse(call.isCanceled(), "the call was cancelled while nothing read it (the agent taking its time)");
        assertEquals(1, deadlines.watching());
        body.close();
        assertTrue(upstream.closed.get(), "the upstream's body stayed open");
        assertEquals(0, deadlines.watching(), "a closed body is still watched");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
