package dev.detour.bridge;

import dev.detour.dialect.AgentChannel;
import dev.detour.dialect.AgentDialect;
import dev.detour.dialect.AgentDialects;
import dev.detour.dialect.AgentErrors;
import dev.detour.dialect.AgentRequest;
import dev.detour.dialect.JsonBody;
import dev.detour.dialect.UpstreamProtocol;
import dev.detour.httpd.Exchange;
import dev.detour.httpd.Handler;
import dev.detour.httpd.HeaderList;
import dev.detour.httpd.HttpRefusal;
import dev.detour.httpd.Limits;
import dev.detour.httpd.RequestHead;
import dev.detour.httpd.StrictHttpServer;
import okhttp3.Headers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The agent-facing HTTP edge of a bridge on 127.0.0.1: checks the token in the URL ({@code /t/TOKEN/...}) in
 * constant time, serves the control API under {@code /t/TOKEN/_detour/}, and hands {@code /t/TOKEN/v1/...} to the
 * {@link Forwarder}. Anything else is a 401 or 404 in the Anthropic error format; a request the HTTP server
 * refuses (malformed, oversized head, unsupported framing) gets its status in the dialect its path names.
 */
public final class BridgeServer implements Handler {
    /** The largest request body the bridge accepts (a long conversation with images stays far below). */
    public static final int MAX_BODY = 32 * 1024 * 1024;
    /** How long a request waits for heap held by other requests' bodies before it is told to retry. */
    private static final long BODY_WAIT_MS = 60_000;

    /** The control API the server answers for {@code /_detour/...}. */
    public interface Control {
        /** The stats JSON. */
        byte[] stats() throws IOException;

        /** Reloads the config; returns the status and the JSON answer. */
        Map.Entry<Integer, byte[]> reload() throws IOException;
    }

    private StrictHttpServer server;
    private final String token;
    private final Forwarder forwarder;
    private final AgentDialects dialects = AgentDialects.standard();
    private final Control control;
    private final StatsBook stats;
    private final Runnable requestEnded;
    private final BodyBudget bodies = BodyBudget.forThisJvm();
    private volatile boolean draining;

    private BridgeServer(String token, Forwarder forwarder, Control control, StatsBook stats, Runnable requestEnded) {
        this.token = token;
        this.forwarder = forwarder;
        this.control = control;
        this.stats = stats;
        this.requestEnded = requestEnded;
    }

    /**
     * Serves the connections of {@code listener}, bound to 127.0.0.1 (never another address) by
     * {@link StrictHttpServer#listenOnLoopback}.
     *
     * @param requestEnded told after each forwarded request (the bridge's {@link IdleTrim})
     */
    static BridgeServer start(ServerSocket listener, String token, Forwarder forwarder, Control control,
                              StatsBook stats, Runnable requestEnded) {
        BridgeServer bridge = new BridgeServer(token, forwarder, control, stats, requestEnded);
        bridge.server = StrictHttpServer.serve(listener, bridge, Limits.standard(), "bridge-request");
        return bridge;
    }

    public int port() {
        return server.port();
    }

    /** Stops accepting connections; requests in flight go on (the caller waits for them, bounded). */
    public void stopAccepting(int boundSeconds) {
        draining = true;
        server.stopAccepting(boundSeconds);
    }

    /** Stops at once, cutting whatever is in flight (tests and failed starts; SIGTERM drains instead). */
    public void close() {
        draining = true;
        server.close();
    }

    /** Every request gets an answer in the agent's dialect, even when handling it failed unexpectedly. */
    @Override
    public void handle(Exchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException | StackOverflowError bug) {
            System.err.println("detour bridge: internal error while answering a request:");
            bug.printStackTrace();
            if (exchange.status() < 0) {
                plain(exchange, 500, AgentErrors.body("api_error", "detour bridge: internal error ("
                        + bug.getClass().getSimpleName() + "); retry the request"));
            }
        }
    }

    /** A request the HTTP server refused, answered in the dialect of its path (the Anthropic one when unknown). */
    @Override
    public void refused(HttpRefusal why, Exchange exchange) throws IOException {
        String type = switch (why.status()) {
            case 408 -> "timeout_error";
            case 413 -> "request_too_large";
            case 503 -> "overloaded_error";
            default -> "invalid_request_error";
        };
        byte[] body = AgentErrors.body(type, "detour bridge: " + why.getMessage());
        AgentDialect dialect = why.target() == null ? null : refusalDialect(why.method(), why.target());
        if (dialect == null) {
            plain(exchange, why.status(), body);
            return;
        }
        AgentRequest request = new AgentRequest(why.method(), "/", null, Headers.of(), new byte[0], null);
        dialect.reply(request, new ExchangeChannel(exchange)).sendWhole(why.status(), Forwarder.JSON, body);
    }

    private AgentDialect refusalDialect(String method, String target) {
        int query = target.indexOf('?');
        String rest = authorized(query < 0 ? target : target.substring(0, query));
        String path = rest == null ? null : AgentPath.normalise(rest);
        return path == null ? null : dialects.forRequest(method, path).orElse(null);
    }

    private void route(Exchange exchange) throws IOException {
        RequestHead request = exchange.request();
        String rest = authorized(request.path());
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
        AgentDialect dialect = path == null ? null : dialects.forRequest(request.method(), path).orElse(null);
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

    private void control(Exchange exchange, String rest) throws IOException {
        String route = exchange.request().method() + " " + rest;
        if (route.equals("GET /_detour/stats")) {
            json(exchange, 200, control.stats());
        } else if (route.equals("POST /_detour/reload")) {
            exchange.body().readNBytes(64 * 1024);
            Map.Entry<Integer, byte[]> answer = control.reload();
            json(exchange, answer.getKey(), answer.getValue());
        } else {
            plain(exchange, 404, AgentErrors.body("not_found_error", "detour bridge: unknown control path " + rest));
        }
    }

    private void forward(Exchange exchange, String rest, AgentDialect dialect) throws IOException {
        if (draining) {
            exchange.responseHeaders().set("Connection", "close");
            plain(exchange, 503, AgentErrors.body("overloaded_error", "detour bridge: shutting down; retry"));
            return;
        }
        int largest = bodies.largestBody(MAX_BODY);
        long length = exchange.request().framing().length();
        if (length > largest) {
            tooLarge(exchange, largest);
            return;
        }
        boolean encoded = exchange.request().headers().contains("Content-Encoding");
        BodyBudget.Reservation reservation = reserve(encoded || length < 0 ? largest : length);
        if (reservation == null) {
            dropBody(exchange);
            exchange.responseHeaders().set("Retry-After", "2");
            exchange.responseHeaders().set("Connection", "close");
            plain(exchange, 503, AgentErrors.body("overloaded_error",
                    "detour bridge: busy with other large requests (their bodies fill its memory); retry"));
            return;
        }
        try (reservation) {
            forwardWithin(exchange, rest, dialect, largest);
        }
    }

    private void forwardWithin(Exchange exchange, String rest, AgentDialect dialect, int largest) throws IOException {
        long length = exchange.request().framing().length();
        byte[] body = length >= 0 ? readExactly(exchange.body(), (int) length) : exchange.body().readNBytes(largest + 1);
        if (body.length > largest) {
            tooLarge(exchange, largest);
            return;
        }
        Headers headers = headers(exchange.request().headers());
        JsonBody json;
        try {
            json = JsonBody.ofBytes(plain(body, headers.get("content-encoding"), largest));
        } catch (TooLarge e) {
            tooLarge(exchange, largest);
            return;
        }
        AgentRequest received = new AgentRequest(exchange.request().method(), rest, exchange.request().query(),
                headers, body, json, null);
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
            forwarder.forward(canonical, channel);
        } finally {
            stats.inFlight().decrementAndGet();
            requestEnded.run();
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

    /** The body uncompressed (gunzipped when needed, bounded like the body itself), or null when it cannot be read. */
    private static byte[] plain(byte[] body, String encoding, int largest) throws TooLarge {
        if (encoding == null) {
            return body;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            return null;
        }
        byte[] plain;
        try {
            plain = new GZIPInputStream(new ByteArrayInputStream(body)).readNBytes(largest + 1);
        } catch (IOException notGzip) {
            return null;
        }
        if (plain.length > largest) {
            throw new TooLarge();
        }
        return plain;
    }

    private static Headers headers(HeaderList received) {
        Headers.Builder headers = new Headers.Builder();
        for (int i = 0; i < received.size(); i++) {
            headers.addUnsafeNonAscii(received.name(i), received.value(i));
        }
        return headers.build();
    }

    /** A body of declared length, read into one array of that size. */
    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        for (int read = 0; read < length; ) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new IOException("the agent sent " + read + " of " + length + " body bytes and stopped");
            }
            read += n;
        }
        return body;
    }

    /** Refuses the body. The rest of it is read and dropped first (never held; see {@link #dropBody}). */
    private static void tooLarge(Exchange exchange, int largest) throws IOException {
        dropBody(exchange);
        exchange.responseHeaders().set("Connection", "close");
        plain(exchange, 413, AgentErrors.body("request_too_large",
                "detour bridge: the request body is larger than " + largest / (1024 * 1024) + " MiB"));
    }

    /** Reads what the agent still sends and drops it, so that it reads the answer instead of a reset connection. */
    private static void dropBody(Exchange exchange) throws IOException {
        InputStream rest = exchange.body();
        byte[] sink = new byte[64 * 1024];
        long dropped = 0;
        for (int n; dropped < 2L * MAX_BODY && (n = rest.read(sink)) >= 0; ) {
            dropped += n;
        }
    }

    private static void plain(Exchange exchange, int status, byte[] body) throws IOException {
        json(exchange, status, body);
    }

    private static void json(Exchange exchange, int status, byte[] body) throws IOException {
        exchange.responseHeaders().set("Content-Type", "application/json");
        exchange.sendFixed(status, body.length);
        exchange.responseBody().write(body);
    }
}
