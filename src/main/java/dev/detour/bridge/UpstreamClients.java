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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The HTTP clients a bridge calls upstreams with, all sharing one connection pool: for whole replies (which are
 * computed before their first byte) and for streams (whose read timeout is the idle limit), and the limit on the
 * wait for an upstream's response headers ({@code first_byte_timeout_s}).
 */
final class UpstreamClients {
    /** How long a non-streamed reply may take once its headers arrived. */
    static final Duration PLAIN_READ_TIMEOUT = Duration.ofMinutes(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final FirstByteDeadlines DEADLINES = new FirstByteDeadlines("bridge-first-byte");

    /** The upstream sent no response headers within the limit: the request moves on as if it had been refused. */
    static final class FirstByteTimeout extends InterruptedIOException {
        FirstByteTimeout(Duration limit) {
            super("no response headers within " + limit.toSeconds() + " s (first_byte_timeout_s)");
        }
    }

    private final CompletableFuture<OkHttpClient> shared;
    private final Function<String, String> env;
    private volatile OkHttpClient plain;
    private volatile Egress egress;
    private final Map<ClientKey, OkHttpClient> clients = new ConcurrentHashMap<>();
    private volatile Recent recentStream;
    private volatile Recent recentPlain;

    /** What makes two upstreams' clients differ: their network settings and the idle limit of streams. */
    private record ClientKey(Network settings, Network upstream, boolean stream, int idleS) {
        /** The same settings objects (not only equal ones): no hashing or comparing of records per request. */
        boolean sameAs(Network settings, Network upstream, boolean stream, int idleS) {
            return this.settings == settings && this.upstream == upstream && this.stream == stream && this.idleS == idleS;
        }
    }

    /** The client of the last request of its kind, for the next one, which usually goes to the same upstream. */
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

    /** The one upstream HTTP client the bridge shares: no silent retries (failover is the bridge's), no redirects. */
    static OkHttpClient sharedClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /**
     * The client for one request to {@code upstream}, made by the one {@link Egress} (proxy, CAs, client certificate);
     * streamed replies may go silent for at most {@code idleS} between reads. All share one connection pool.
     */
    OkHttpClient forRequest(Upstream upstream, Settings settings, boolean stream, int idleS) {
        int idle = stream ? idleS : 0;
        Recent last = stream ? recentStream : recentPlain;
        if (last != null && last.key().sameAs(settings.network(), upstream.network(), stream, idle)) {
            return last.client();
        }
        ClientKey key = new ClientKey(settings.network(), upstream.network(), stream, idle);
        OkHttpClient client = clients.computeIfAbsent(key, k -> {
            OkHttpClient.Builder builder = plain().newBuilder();
            if (stream) {
                builder.readTimeout(Duration.ofSeconds(idleS));
            }
            return egress(settings).apply(builder, upstream.network()).build();
        });
        if (stream) {
            recentStream = new Recent(key, client);
        } else {
            recentPlain = new Recent(key, client);
        }
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
     * Runs the call until the upstream's response headers arrive, cancelling it when they have not within
     * {@code limit} ({@link FirstByteTimeout}); reading the body afterwards has its own timeouts.
     */
    static Response execute(Call call, Duration limit) throws IOException {
        FirstByteDeadlines.Watched deadline = DEADLINES.watch(call, limit.toMillis());
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new FirstByteTimeout(limit);
            }
            throw e;
        }
        if (!deadline.answered()) {
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
