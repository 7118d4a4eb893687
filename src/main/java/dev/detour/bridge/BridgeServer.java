package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.detour.dialect.HeaderTokens;
import dev.detour.dialect.AgentChannel;
import dev.detour.dialect.AgentDialect;
import dev.detour.dialect.AgentDialects;
import dev.detour.dialect.AgentErrors;
import dev.detour.dialect.AgentRequest;
import dev.detour.dialect.UpstreamProtocol;
import okhttp3.Headers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The agent-facing HTTP edge of a bridge on 127.0.0.1: checks the token in the URL ({@code /t/TOKEN/...}) in
 * constant time, serves the control API under {@code /t/TOKEN/_detour/}, and hands {@code /t/TOKEN/v1/...} to the
 * {@link Forwarder}. Anything else is a 401 or 404 in the Anthropic error format.
 */
public final class BridgeServer {
    /** The largest request body the bridge accepts (a long conversation with images stays far below). */
    public static final int MAX_BODY = 32 * 1024 * 1024;
    private static final int MAX_THREADS = 512;
    /** How long a request waits for heap held by other requests' bodies before it is told to retry. */
    private static final long BODY_WAIT_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The control API the server answers for {@code /_detour/...}. */
    public interface Control {
        /** The stats JSON. */
        byte[] stats() throws IOException;

        /** Reloads the config; returns the status and the JSON answer. */
        Map.Entry<Integer, byte[]> reload() throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final String token;
    private final Forwarder forwarder;
    private final AgentDialects dialects = AgentDialects.standard();
    private final Control control;
    private final StatsBook stats;
    private final BodyBudget bodies = BodyBudget.forThisJvm();
    private volatile boolean draining;

    private BridgeServer(HttpServer server, ExecutorService workers, String token, Forwarder forwarder,
                         Control control, StatsBook stats) {
        this.server = server;
        this.workers = workers;
        this.token = token;
        this.forwarder = forwarder;
        this.control = control;
        this.stats = stats;
    }

    /** Binds 127.0.0.1:{@code port} (never another address) and starts serving. */
    public static BridgeServer start(int port, String token, Forwarder forwarder, Control control, StatsBook stats)
            throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "bridge-request");
                    t.setDaemon(true);
                    return t;
                });
        BridgeServer bridge = new BridgeServer(http, workers, token, forwarder, control, stats);
        http.createContext("/", bridge::handle);
        http.setExecutor(workers);
        http.start();
        return bridge;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting connections; requests in flight go on (the caller waits for them, bounded). */
    public void stopAccepting(int boundSeconds) {
        draining = true;
        Thread stopper = new Thread(() -> server.stop(boundSeconds), "bridge-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Stops at once, cutting whatever is in flight (tests and failed starts; SIGTERM drains instead). */
    public void close() {
        draining = true;
        server.stop(0);
        workers.shutdownNow();
    }

    /** Every request gets an answer in the agent's dialect, even when handling it failed unexpectedly. */
    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (HeaderTokens.contains(exchange.getRequestHeaders().get("Connection"), "close")) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            route(exchange);
        } catch (RuntimeException | StackOverflowError bug) {
            System.err.println("detour bridge: internal error while answering a request:");
            bug.printStackTrace();
            if (exchange.getResponseCode() < 0) {
                plain(exchange, 500, AgentErrors.body("api_error", "detour bridge: internal error ("
                        + bug.getClass().getSimpleName() + "); retry the request"));
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String rest = authorized(exchange.getRequestURI().getRawPath());
        if (rest == null) {
            plain(exchange, 401, AgentErrors.body("authentication_error",
                    "detour bridge: this URL needs the session token: use the base URL from 'detour env SESSION'"));
            return;
        }
        if (rest.startsWith("/_detour/")) {
            control(exchange, rest);
            return;
        }
        String path = AgentPath.normalise(rest);
        AgentDialect dialect = path == null ? null : dialects.forRequest(exchange.getRequestMethod(), path).orElse(null);
        if (dialect != null) {
            forward(exchange, path, dialect);
        } else if (path == null || !path.equals(rest)) {
            plain(exchange, 400, AgentErrors.body("invalid_request_error",
                    "detour bridge: the path leaves the API; nothing was forwarded"));
        } else {
            plain(exchange, 404, AgentErrors.body("not_found_error", "detour bridge: no such path"));
        }
    }

    /** The path after {@code /t/TOKEN}, or null when the token is missing or wrong. */
    private String authorized(String path) {
        if (!path.startsWith("/t/")) {
            return null;
        }
        int slash = path.indexOf('/', 3);
        String presented = slash < 0 ? path.substring(3) : path.substring(3, slash);
        if (!SessionToken.matches(token, presented)) {
            return null;
        }
        return slash < 0 ? "/" : path.substring(slash);
    }

    private void control(HttpExchange exchange, String rest) throws IOException {
        String route = exchange.getRequestMethod() + " " + rest;
        if (route.equals("GET /_detour/stats")) {
            json(exchange, 200, control.stats());
        } else if (route.equals("POST /_detour/reload")) {
            exchange.getRequestBody().readNBytes(64 * 1024);
            Map.Entry<Integer, byte[]> answer = control.reload();
            json(exchange, answer.getKey(), answer.getValue());
        } else {
            plain(exchange, 404, AgentErrors.body("not_found_error", "detour bridge: unknown control path " + rest));
        }
    }

    private void forward(HttpExchange exchange, String rest, AgentDialect dialect) throws IOException {
        if (draining) {
            exchange.getResponseHeaders().set("Connection", "close");
            plain(exchange, 503, AgentErrors.body("overloaded_error", "detour bridge: shutting down; retry"));
            return;
        }
        int largest = bodies.largestBody(MAX_BODY);
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        long length = declared != null && declared.matches("\\d{1,12}") ? Long.parseLong(declared) : -1;
        if (length > largest) {
            tooLarge(exchange, largest);
            return;
        }
        boolean encoded = exchange.getRequestHeaders().getFirst("Content-Encoding") != null;
        boolean chunked = HeaderTokens.contains(exchange.getRequestHeaders().get("Transfer-Encoding"), "chunked");
        BodyBudget.Reservation reservation = reserve(encoded || length < 0 && chunked ? largest : Math.max(0, length));
        if (reservation == null) {
            dropBody(exchange);
            exchange.getResponseHeaders().set("Retry-After", "2");
            exchange.getResponseHeaders().set("Connection", "close");
            plain(exchange, 503, AgentErrors.body("overloaded_error",
                    "detour bridge: busy with other large requests (their bodies fill its memory); retry"));
            return;
        }
        try (reservation) {
            forwardWithin(exchange, rest, dialect, largest);
        }
    }

    private void forwardWithin(HttpExchange exchange, String rest, AgentDialect dialect, int largest) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(largest + 1);
        if (body.length > largest) {
            tooLarge(exchange, largest);
            return;
        }
        Headers headers = headers(exchange);
        JsonNode json;
        try {
            json = parse(body, headers.get("content-encoding"), largest);
        } catch (TooLarge e) {
            tooLarge(exchange, largest);
            return;
        }
        AgentRequest received = new AgentRequest(exchange.getRequestMethod(), rest, exchange.getRequestURI().getRawQuery(),
                headers, body, json);
        AgentChannel channel = dialect.reply(received, new ExchangeChannel(exchange));
        AgentRequest canonical;
        try {
            canonical = dialect.canonical(received);
        } catch (UpstreamProtocol.UnsupportedRequest e) {
            channel.sendWhole(400, Forwarder.JSON, AgentErrors.body("invalid_request_error",
                    "detour bridge: " + e.getMessage()));
            return;
        }
        stats.inFlight().incrementAndGet();
        try {
            stats.request(forwarder.forward(canonical, channel));
        } finally {
            stats.inFlight().decrementAndGet();
        }
    }

    private BodyBudget.Reservation reserve(long bodyBytes) {
        try {
            return bodies.reserve(bodyBytes, BODY_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static final class TooLarge extends IOException {
    }

    /** The body as JSON (gunzipped when needed, bounded like the body itself), or null when it is not JSON. */
    private static JsonNode parse(byte[] body, String encoding, int largest) throws TooLarge {
        if (body.length == 0) {
            return null;
        }
        try {
            InputStream in = new ByteArrayInputStream(body);
            if (encoding != null) {
                if (!encoding.equalsIgnoreCase("gzip")) {
                    return null;
                }
                byte[] plain = new GZIPInputStream(in).readNBytes(largest + 1);
                if (plain.length > largest) {
                    throw new TooLarge();
                }
                in = new ByteArrayInputStream(plain);
            }
            return JSON.readTree(in);
        } catch (TooLarge e) {
            throw e;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static Headers headers(HttpExchange exchange) {
        Headers.Builder headers = new Headers.Builder();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headers.addUnsafeNonAscii(header.getKey(), value);
            }
        }
        return headers.build();
    }

    /** Refuses the body. The rest of it is read and dropped first (never held; see {@link #dropBody}). */
    private static void tooLarge(HttpExchange exchange, int largest) throws IOException {
        dropBody(exchange);
        exchange.getResponseHeaders().set("Connection", "close");
        plain(exchange, 413, AgentErrors.body("request_too_large",
                "detour bridge: the request body is larger than " + largest / (1024 * 1024) + " MiB"));
    }

    /** Reads what the agent still sends and drops it, so that it reads the answer instead of a reset connection. */
    private static void dropBody(HttpExchange exchange) throws IOException {
        InputStream rest = exchange.getRequestBody();
        byte[] sink = new byte[64 * 1024];
        long dropped = 0;
        for (int n; dropped < 2L * MAX_BODY && (n = rest.read(sink)) >= 0; ) {
            dropped += n;
        }
    }

    private static void plain(HttpExchange exchange, int status, byte[] body) throws IOException {
        json(exchange, status, body);
    }

    private static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
