package dev.detour.bridge;

import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP clients a bridge calls upstreams with, all sharing one connection pool: for whole replies (which are
 * computed before their first byte) and for streams (whose read timeout is the idle limit), and the limit on the
 * wait for an upstream's response headers ({@code first_byte_timeout_s}).
 */
final class UpstreamClients {
    /** How long a non-streamed reply may take once its headers arrived. */
    static final Duration PLAIN_READ_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int WAITING = 0;
    private static final int ANSWERED = 1;
    private static final int EXPIRED = 2;
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bridge-first-byte");
        t.setDaemon(true);
        return t;
    });

    /** The upstream sent no response headers within the limit: the request moves on as if it had been refused. */
    static final class FirstByteTimeout extends InterruptedIOException {
        FirstByteTimeout(Duration limit) {
            super("no response headers within " + limit.toSeconds() + " s (first_byte_timeout_s)");
        }
    }

    private final CompletableFuture<OkHttpClient> shared;
    private volatile OkHttpClient plain;
    private volatile IdleClient streaming;

    /** The client for streamed replies, whose read timeout is the idle limit in force when it was made. */
    private record IdleClient(int idleS, OkHttpClient client) {
    }

    /** @param shared the shared upstream client, possibly still being built (the bridge binds its port meanwhile) */
    UpstreamClients(CompletableFuture<OkHttpClient> shared) {
        this.shared = shared;
    }

    /**
     * Builds the shared client on a background thread: loading OkHttp and the platform's TLS setup is the slowest
     * part of a bridge's start, and it need not delay binding the port.
     */
    static CompletableFuture<OkHttpClient> sharedClientInBackground() {
        CompletableFuture<OkHttpClient> future = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                future.complete(sharedClient());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "bridge-http-client");
        builder.setDaemon(true);
        builder.start();
        return future;
    }

    /** The one upstream HTTP client the bridge shares: no silent retries (failover is the bridge's), no redirects. */
    static OkHttpClient sharedClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /** The client for one request: streamed replies may go silent for at most {@code idleS} between reads. */
    OkHttpClient forRequest(boolean stream, int idleS) {
        if (!stream) {
            return plain();
        }
        IdleClient current = streaming;
        if (current == null || current.idleS() != idleS) {
            current = new IdleClient(idleS, plain().newBuilder().readTimeout(Duration.ofSeconds(idleS)).build());
            streaming = current;
        }
        return current.client();
    }

    /**
     * Runs the call until the upstream's response headers arrive, cancelling it when they have not within
     * {@code limit} ({@link FirstByteTimeout}); reading the body afterwards has its own timeouts.
     */
    static Response execute(Call call, Duration limit) throws IOException {
        AtomicInteger state = new AtomicInteger(WAITING);
        ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            if (state.compareAndSet(WAITING, EXPIRED)) {
                call.cancel();
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            deadline.cancel(false);
            if (state.get() == EXPIRED) {
                throw new FirstByteTimeout(limit);
            }
            throw e;
        }
        deadline.cancel(false);
        if (!state.compareAndSet(WAITING, ANSWERED)) {
            response.close();
            throw new FirstByteTimeout(limit);
        }
        return response;
    }

    private OkHttpClient plain() {
        OkHttpClient client = plain;
        if (client == null) {
            client = shared.join().newBuilder().readTimeout(PLAIN_READ_TIMEOUT).build();
            plain = client;
        }
        return client;
    }
}
