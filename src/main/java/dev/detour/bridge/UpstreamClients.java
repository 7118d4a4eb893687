package dev.detour.bridge;

import dev.detour.config.Network;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import dev.detour.net.Egress;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The HTTP clients a bridge calls upstreams with, all sharing one connection pool, and the limits of a call: on the wait
 * for an upstream's response headers ({@code first_byte_timeout_s}) and on each read of its body (the idle limit for
 * streams). {@link UpstreamDeadlines} enforces both; the clients themselves have no read or write timeouts.
 */
final class UpstreamClients {
    /** How long a read of a non-streamed reply may wait once its headers arrived. */
    static final Duration PLAIN_READ_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final UpstreamDeadlines DEADLINES = new UpstreamDeadlines("bridge-upstream-deadlines");

    /** The upstream sent no response headers within the limit: the request moves on as if it had been refused. */
    static final class FirstByteTimeout extends InterruptedIOException {
        FirstByteTimeout(Duration limit) {
            super("no response headers within " + limit.toSeconds() + " s (first_byte_timeout_s)");
        }
    }

    private final CompletableFuture<OkHttpClient> shared;
    private final Function<String, String> env;
    private volatile Egress egress;
    private final Map<ClientKey, OkHttpClient> clients = new ConcurrentHashMap<>();
    private volatile Recent recent;

    /** What makes two upstreams' clients differ: their network settings. */
    private record ClientKey(Network settings, Network upstream) {
        /** The same settings objects (not only equal ones): no hashing or comparing of records per request. */
        boolean sameAs(Network settings, Network upstream) {
            return this.settings == settings && this.upstream == upstream;
        }
    }

    /** The client of the last request, for the next one, which usually goes to the same upstream. */
    private record Recent(ClientKey key, OkHttpClient client) {
    }

    /**
     * @param shared the shared upstream client, possibly still being built (the bridge binds its port meanwhile)
     * @param env    the environment the proxy variables and {@code SSL_CERT_FILE} are read from
     */
    UpstreamClients(CompletableFuture<OkHttpClient> shared, Function<String, String> env) {
        this.shared = shared;
        this.env = env;
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

    /**
     * The one upstream HTTP client the bridge shares: no silent retries (failover is the bridge's), no redirects, no
     * read or write timeouts of its own ({@link #execute} sets the limits).
     */
    static OkHttpClient sharedClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .connectionPool(PoolCleanup.pool())
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /**
     * The client for one request to {@code upstream}, made by the one {@link Egress} (proxy, CAs, client certificate).
     * All share one connection pool.
     */
    OkHttpClient forRequest(Upstream upstream, Settings settings) {
        Recent last = recent;
        if (last != null && last.key().sameAs(settings.network(), upstream.network())) {
            return last.client();
        }
        ClientKey key = new ClientKey(settings.network(), upstream.network());
        OkHttpClient client = clients.computeIfAbsent(key,
                k -> egress(settings).apply(shared.join().newBuilder(), upstream.network()).build());
        recent = new Recent(key, client);
        return client;
    }

    /** The one {@link Egress} for the settings in force, made again when they change. */
    Egress egress(Settings settings) {
        Egress current = egress;
        if (current == null || current.defaults() != settings.network() && !current.defaults().equals(settings.network())) {
            current = new Egress(settings, env);
            egress = current;
        }
        return current;
    }

    /**
     * Runs the call until the upstream's response headers arrive, then each read of the body may wait
     * {@code readLimit}. The wait for the headers is a read too: it ends at the earlier of the two limits, as a
     * {@link FirstByteTimeout} when {@code headersLimit} is the shorter, else as a read timeout.
     */
    static Response execute(Call call, Duration headersLimit, Duration readLimit) throws IOException {
        boolean headersLimitFirst = headersLimit.compareTo(readLimit) <= 0;
        UpstreamDeadlines.Watched deadline = DEADLINES.watch(call, (headersLimitFirst ? headersLimit : readLimit).toMillis());
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            deadline.done();
            if (deadline.headersExpired()) {
                throw late(headersLimitFirst, headersLimit);
            }
            throw e;
        }
        if (!deadline.answered(readLimit.toMillis())) {
            response.close();
            throw late(headersLimitFirst, headersLimit);
        }
        return response.newBuilder().body(new WatchedBody(response.body(), deadline)).build();
    }

    /** The headers came too late: for the headers limit, or for the read limit when that was the shorter. */
    private static IOException late(boolean headersLimitFirst, Duration headersLimit) {
        return headersLimitFirst ? new FirstByteTimeout(headersLimit) : new SocketTimeoutException("timeout");
    }
}
