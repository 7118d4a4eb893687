package dev.detour.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A simulated upstream on 127.0.0.1: a small HTTP/1.1 server on plain sockets (so that it can misbehave the way
 * real upstreams do: reset a connection, cut a chunked body, stall) plus control endpoints:
 * <ul>
 *   <li>{@code GET /_sim/fault}, {@code POST /_sim/fault} with {@link Fault} JSON: the fault mode, switched at run time</li>
 *   <li>{@code GET /_sim/requests}: how many API requests arrived and the newest ones with their headers</li>
 *   <li>{@code POST /_sim/requests/clear}: forget the recorded requests</li>
 * </ul>
 * Every other path is an API call, answered by the {@link SimFamily}.
 */
public final class SimServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int RECORDED_MAX = 500;
    private static final java.util.Set<String> CREDENTIAL_HEADERS =
            java.util.Set.of("x-api-key", "authorization", "proxy-authorization", "cookie", "x-amz-security-token");

    private final SimFamily family;
    private final FaultSwitch faults = new FaultSwitch();
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sim-connection");
        t.setDaemon(true);
        return t;
    });
    private final Deque<RecordedRequest> recorded = new ArrayDeque<>();
    private final AtomicLong apiRequests = new AtomicLong();
    private final int deltaMs;

    private SimServer(SimFamily family, ServerSocket server, int deltaMs) {
        this.family = family;
        this.server = server;
        this.deltaMs = deltaMs;
    }

    /** Binds 127.0.0.1:{@code port} (0 picks a free port) and starts accepting; content streams at full speed. */
    public static SimServer start(SimFamily family, int port) throws IOException {
        return start(family, port, 0);
    }

    /** @param deltaMs pause before each content event after the first, to stream at a model's pace (0: none) */
    public static SimServer start(SimFamily family, int port, int deltaMs) throws IOException {
        return start(family, port, deltaMs, new ServerSocket());
    }

    /**
     * Serves HTTPS with {@code tls}'s certificate, for drills on corporate networks (private CAs, mutual TLS).
     *
     * @param requireClientCert whether the handshake demands a client certificate trusted by {@code tls}
     */
    public static SimServer startTls(SimFamily family, int port, javax.net.ssl.SSLContext tls, boolean requireClientCert)
            throws IOException {
        javax.net.ssl.SSLServerSocket socket =
                (javax.net.ssl.SSLServerSocket) tls.getServerSocketFactory().createServerSocket();
        socket.setNeedClientAuth(requireClientCert);
        return start(family, port, 0, socket);
    }

    private static SimServer start(SimFamily family, int port, int deltaMs, ServerSocket socket) throws IOException {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        SimServer sim = new SimServer(family, socket, deltaMs);
        Thread acceptor = new Thread(sim::acceptLoop, "sim-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return sim;
    }

    public int port() {
        return server.getLocalPort();
    }

    public FaultSwitch faults() {
        return faults;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (true) {
                SimRequest request = read(in, out);
                if (request == null) {
                    return;
                }
                boolean keepAlive = !"close".equalsIgnoreCase(request.header("connection"));
                if (!dispatch(socket, out, request) || !keepAlive) {
                    return;
                }
            }
        } catch (SimExchange.Stopped | SocketException | EOFException gone) {
            // a fault ended the connection, or the client went away
        } catch (IOException e) {
            // a broken request: nothing useful to answer
        } catch (RuntimeException bug) {
            System.err.println("sim: " + bug);
            bug.printStackTrace();
        }
    }

    /** @return whether the connection can serve another request */
    private boolean dispatch(Socket socket, OutputStream out, SimRequest request) throws IOException {
        if (request.path().startsWith("/_sim/")) {
            control(out, request);
            return true;
        }
        Fault fault = faults.take();
        record(request, fault);
        switch (fault.mode()) {
            case RESET -> {
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            }
            case NO_ANSWER -> {
                SimExchange.holdUntilClientLeaves(socket);
                return false;
            }
            default -> {
                SimExchange exchange = new SimExchange(socket, out, request, fault, deltaMs);
                try {
                    if (fault.mode() == FaultMode.STATUS) {
                        family.error(exchange, fault.status(), fault.retryAfterS());
                    } else {
                        family.handle(exchange);
                    }
                } catch (SimExchange.Ended ended) {
                    // the reply ended with its failure event; the connection goes on
                }
                return true;
            }
        }
    }

    private void record(SimRequest request, Fault fault) {
        apiRequests.incrementAndGet();
        RecordedRequest r = new RecordedRequest(Instant.now(), request.method(), request.path(), request.query(),
                redacted(request.headers()), family.model(request), fault.describe());
        synchronized (recorded) {
            recorded.addLast(r);
            while (recorded.size() > RECORDED_MAX) {
                recorded.removeFirst();
            }
        }
    }

    /** Credentials are recorded as a fingerprint only: tests can tell which key arrived, nobody can read it. */
    static Map<String, List<String>> redacted(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, CREDENTIAL_HEADERS.contains(name)
                ? values.stream().map(SimServer::fingerprint).toList() : values));
        return copy;
    }

    /** {@code sha256:} and the first 12 hex digits of the value's SHA-256. */
    public static String fingerprint(String secret) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void control(OutputStream out, SimRequest request) throws IOException {
        int status = 200;
        Object body;
        try {
            switch (request.method() + " " + request.path()) {
                case "GET /_sim/fault" -> body = faults.current();
                case "POST /_sim/fault" -> {
                    Fault fault = Fault.fromJson(JSON.readTree(request.body()));
                    faults.set(fault);
                    body = fault;
                }
                case "GET /_sim/requests" -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("count", apiRequests.get());
                    synchronized (recorded) {
                        node.set("requests", JSON.valueToTree(new ArrayList<>(recorded)));
                    }
                    body = node;
                }
                case "POST /_sim/requests/clear" -> {
                    synchronized (recorded) {
                        recorded.clear();
                    }
                    apiRequests.set(0);
                    body = Map.of("count", 0);
                }
                default -> {
                    status = 404;
                    body = Map.of("error", "unknown control path " + request.path());
                }
            }
        } catch (IOException | IllegalArgumentException bad) {
            status = 400;
            body = Map.of("error", String.valueOf(bad.getMessage()));
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        out.write(("HTTP/1.1 " + status + " " + SimExchange.reason(status) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    /**
     * Reads one request; null when the client closed the connection between requests. A client that sent
     * {@code Expect: 100-continue} waits for the interim answer before it sends the body, as real servers give it.
     */
    static SimRequest read(InputStream in, OutputStream out) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 3) {
            throw new IOException("bad request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(header.substring(colon + 1).trim());
            }
        }
        List<String> expect = headers.get("expect");
        if (expect != null && expect.get(0).equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = body(in, headers);
        List<String> encoding = headers.get("content-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("gzip")) {
            body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
        }
        String target = parts[1];
        int q = target.indexOf('?');
        return new SimRequest(parts[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, body);
    }

    private static byte[] body(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new EOFException();
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                        // trailers are not used by any API the sim plays
                    }
                    return body.toByteArray();
                }
                if (body.size() + n > MAX_BODY) {
                    throw new IOException("body too large");
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        }
        List<String> length = headers.get("content-length");
        int n = length == null ? 0 : Integer.parseInt(length.get(0));
        if (n > MAX_BODY) {
            throw new IOException("body too large");
        }
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
            throw new EOFException();
        }
        return body;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }
}
