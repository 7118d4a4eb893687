package dev.detour.sim;

import dev.detour.wire.SseEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * The reply side of one simulated API call, with the call's fault applied where it belongs: a slow first token
 * before the first content, a cut or a stall after {@code afterEvents} content events. A family handler writes
 * its reply through this and never deals with faults itself.
 */
public final class SimExchange {
    /** The longest a stalled or unanswered connection is held before the sim gives up on the client. */
    static final long HOLD_LIMIT_MS = TimeUnit.MINUTES.toMillis(10);

    /** Thrown when the fault ended the reply properly with a failure event; the connection stays usable. */
    static final class Ended extends RuntimeException {
        Ended() {
            super(null, null, false, false);
        }
    }

    /** Thrown when the fault ended the reply (cut or stall); the connection is not reusable afterwards. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final SimRequest request;
    private final Fault fault;
    private final int deltaMs;
    private int contentEvents;
    private boolean streaming;
    private EventFraming framing = EventFraming.SSE;

    SimExchange(Socket socket, OutputStream out, SimRequest request, Fault fault, int deltaMs) {
        this.deltaMs = deltaMs;
        this.socket = socket;
        this.out = out;
        this.request = request;
        this.fault = fault;
    }

    public SimRequest request() {
        return request;
    }

    public Fault fault() {
        return fault;
    }

    /** A whole reply. JSON bodies are gzipped when the client accepts gzip, as real APIs do. */
    public void reply(int status, Map<String, String> headers, byte[] body) throws IOException {
        String acceptEncoding = request.header("accept-encoding");
        boolean gzip = body.length > 0 && acceptEncoding != null && acceptEncoding.contains("gzip");
        byte[] payload = gzip ? gzip(body) : body;
        if (fault.mode() == FaultMode.SLOW_FIRST_TOKEN) {
            sleep(fault.delayMs());
        }
        StringBuilder head = statusLine(status, headers);
        if (gzip) {
            head.append("Content-Encoding: gzip\r\n");
        }
        head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.method().equals("HEAD")) {
            out.flush();
            return;
        }
        if (fault.mode() == FaultMode.CUT || fault.mode() == FaultMode.STALL) {
            out.write(payload, 0, payload.length / 2);
            out.flush();
            stop();
        }
        out.write(payload);
        out.flush();
    }

    /** Frames the events of this reply as {@code framing} (SSE unless a cloud family says otherwise). */
    public void frameEventsAs(EventFraming framing) {
        this.framing = framing;
    }

    /** Starts a chunked event-stream reply ({@code text/event-stream} unless framed otherwise). */
    public void startEvents(Map<String, String> headers) throws IOException {
        StringBuilder head = statusLine(200, headers);
        head.append("Content-Type: ").append(framing.contentType()).append("\r\nCache-Control: no-cache\r\n")
                .append("Transfer-Encoding: chunked\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        streaming = true;
    }

    /** One SSE event that carries no content (message_start, ping, block start/stop, message_delta, ...). */
    public void event(String name, String data) throws IOException {
        chunk(framing.frame(name, data));
    }

    /** One SSE event that carries content; the fault decides whether it goes out, waits, or ends the stream. */
    public void contentEvent(String name, String data) throws IOException {
        if (contentEvents == 0 && fault.mode() == FaultMode.SLOW_FIRST_TOKEN) {
            sleep(fault.delayMs());
        } else if (contentEvents > 0 && deltaMs > 0) {
            sleep(deltaMs);
        }
        if (contentEvents >= fault.afterEvents() && (fault.mode() == FaultMode.CUT || fault.mode() == FaultMode.STALL)) {
            stop();
        }
        if (contentEvents >= fault.afterEvents() && fault.mode() == FaultMode.ERROR_EVENT) {
            chunk(framing.failure("Simulated failure mid-answer"));
            endEvents();
            throw new Ended();
        }
        chunk(framing.frame(name, data));
        contentEvents++;
    }

    /** Ends a chunked reply properly. */
    public void endEvents() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        streaming = false;
    }

    /** A cut closes the socket mid-body (the client sees a broken body); a stall holds it silent. */
    private void stop() throws IOException {
        out.flush();
        if (fault.mode() == FaultMode.STALL) {
            holdUntilClientLeaves(socket);
        }
        socket.close();
        throw new Stopped();
    }

    /** Blocks until the client closes its side (or the hold limit passes). */
    static void holdUntilClientLeaves(Socket socket) throws IOException {
        socket.setSoTimeout((int) HOLD_LIMIT_MS);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // the client has nothing more to say on this connection; keep waiting for it to go away
            }
        } catch (IOException gone) {
            // reset by the client or the hold limit: either way the connection is over
        }
    }

    private void chunk(byte[] data) throws IOException {
        if (!streaming) {
            throw new IllegalStateException("startEvents first");
        }
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static StringBuilder statusLine(int status, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return head;
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 529 -> "Overloaded";
            default -> "Status";
        };
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return bytes.toByteArray();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
