package dev.detour.httpd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * One request and its response on a connection. The handler reads {@link #body()}, sets {@link #responseHeaders()},
 * then sends either a body of known length ({@link #sendFixed}) or a stream ({@link #sendStream}: chunked, each
 * flush reaching the client at once) and writes it to {@link #responseBody()}. Framing headers are the server's.
 */
public final class Exchange {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static volatile String dateSecond = "";
    private static volatile long dateEpochSecond = -1;

    private final RequestHead request;
    private final BodyInput body;
    private final OutputStream out;
    private final HeaderList responseHeaders = new HeaderList();
    private boolean keepAlive;
    private int status = -1;
    private ResponseBody responseBody;

    /** @param request null when the request line itself could not be read (the answer is then a refusal) */
    Exchange(RequestHead request, InputStream connection, OutputStream out, boolean keepAlive) {
        this.request = request;
        this.out = out;
        this.keepAlive = keepAlive && request != null && request.keepAlive();
        this.body = request == null ? null
                : new BodyInput(connection, request.framing(), request.expectsContinue() ? this::sendContinue : null);
    }

    /** The request; null only in a refusal of a request whose line was unreadable. */
    public RequestHead request() {
        return request;
    }

    /** The request body, delimited as the request declared it (empty when it has none). */
    public InputStream body() {
        return body != null ? body : InputStream.nullInputStream();
    }

    public HeaderList responseHeaders() {
        return responseHeaders;
    }

    /** The status sent, or -1 before the response started. */
    public int status() {
        return status;
    }

    /** Sends the status and headers of a body of exactly {@code length} bytes (none at all for HEAD, 204, 304). */
    public void sendFixed(int status, long length) throws IOException {
        boolean bodyless = status == 204 || status == 304;
        if (!bodyless) {
            responseHeaders.set("Content-Length", Long.toString(length));
        }
        head(status, false);
        boolean discard = bodyless || request != null && request.isHead();
        responseBody = new ResponseBody(out, discard ? 0 : length, discard, false);
    }

    /** Sends the status and headers of a body of unknown length: chunked to HTTP/1.1, until close to HTTP/1.0. */
    public void sendStream(int status) throws IOException {
        boolean chunked = request != null && request.minorVersion() >= 1;
        if (chunked) {
            responseHeaders.set("Transfer-Encoding", "chunked");
        } else {
            keepAlive = false;
        }
        head(status, true);
        boolean discard = request != null && request.isHead();
        responseBody = new ResponseBody(out, -1, discard, chunked && !discard);
    }

    /** Where the response body goes, once {@link #sendFixed} or {@link #sendStream} sent the head. */
    public OutputStream responseBody() {
        if (responseBody == null) {
            throw new IllegalStateException("the response head was not sent");
        }
        return responseBody;
    }

    /** Whether the connection may carry another request once this exchange is complete. */
    boolean keepAlive() {
        return keepAlive;
    }

    BodyInput requestBody() {
        return body;
    }

    /**
     * Ends the response body (the last chunk) and flushes it to the client now, rather than when the handler
     * returns; nothing may be written after it.
     */
    public void complete() throws IOException {
        if (responseBody == null) {
            throw new IllegalStateException("the response head was not sent");
        }
        responseBody.end();
        out.flush();
    }

    /** Ends the response (the last chunk) and flushes; false when the body was left incomplete. */
    boolean finish() throws IOException {
        if (responseBody == null) {
            return false;
        }
        boolean complete = responseBody.end();
        out.flush();
        return complete;
    }

    private void head(int status, boolean stream) throws IOException {
        if (this.status >= 0) {
            throw new IllegalStateException("the response head was already sent");
        }
        this.status = status;
        if (responseHeaders.hasToken("Connection", "close") || body != null && body.awaitingContinue()) {
            keepAlive = false;
        }
        responseHeaders.remove("Connection");
        if (stream && request != null && request.minorVersion() == 0) {
            responseHeaders.remove("Content-Length");
        }
        StringBuilder head = new StringBuilder(256);
        head.append(request != null && request.minorVersion() == 0 ? "HTTP/1.0 " : "HTTP/1.1 ")
                .append(status).append(' ').append(StatusReasons.of(status)).append("\r\n");
        if (!responseHeaders.contains("Date")) {
            head.append("Date: ").append(date()).append("\r\n");
        }
        for (int i = 0; i < responseHeaders.size(); i++) {
            head.append(responseHeaders.name(i)).append(": ").append(responseHeaders.value(i)).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        } else if (request.minorVersion() == 0) {
            head.append("Connection: keep-alive\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private void sendContinue() {
        if (status < 0) {
            try {
                out.write(CONTINUE);
                out.flush();
            } catch (IOException gone) {
                keepAlive = false;
            }
        }
    }

    private static String date() {
        long now = System.currentTimeMillis() / 1000;
        if (now != dateEpochSecond) {
            dateSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
            dateEpochSecond = now;
        }
        return dateSecond;
    }
}
