package dev.detour.httpd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One client connection on its own thread: reads request after request (keep-alive) and hands each to the
 * {@link Handler}; refuses malformed ones through the handler, then closes. Idle, it waits for the next request at
 * most the idle timeout; a request head must arrive whole within the head timeout.
 */
final class Connection implements Runnable {
    /** Unread request body the server drops to keep the connection; past this it closes it instead. */
    private static final long DRAIN_LIMIT = 256 * 1024;
    private static final int LINGER_MS = 1000;
    private static final long LINGER_BYTES = 4L * 1024 * 1024;

    private final Socket socket;
    private final Handler handler;
    private final Limits limits;
    private final StrictHttpServer server;
    private volatile boolean idle = true;

    Connection(Socket socket, Handler handler, Limits limits, StrictHttpServer server) {
        this.socket = socket;
        this.handler = handler;
        this.limits = limits;
        this.server = server;
    }

    /** Whether it waits for a request (closing it then loses nothing). */
    boolean idle() {
        return idle;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }

    @Override
    public void run() {
        ReadDeadlines.Watch reads = ReadDeadlines.SHARED.watch(socket);
        try {
            socket.setTcpNoDelay(true);
            ConnectionInput in = new ConnectionInput(socket.getInputStream(), reads);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), ConnectionInput.BUFFER_BYTES);
            HeadReader reader = new HeadReader(limits);
            while (serveOne(in, out, reader)) {
                idle = true;
                if (server.draining()) {
                    break;
                }
            }
        } catch (IOException gone) {
            // the client went away or broke the exchange off; nothing to answer on
        } finally {
            reads.done();
            close();
            server.closed(this);
        }
    }

    /** Serves one request; whether the connection stays open for another. */
    private boolean serveOne(ConnectionInput in, OutputStream out, HeadReader reader) throws IOException {
        in.limits(0, limits.idleTimeoutMs());
        try {
            if (!in.await()) {
                return false;
            }
        } catch (SocketTimeoutException idleTooLong) {
            return false;
        }
        idle = false;
        in.limits(System.nanoTime() + limits.headTimeoutMs() * 1_000_000L, 0);
        RequestHead head;
        try {
            head = reader.read(in);
        } catch (HttpRefusal refusal) {
            refuse(refusal, in, out);
            return false;
        } catch (SocketTimeoutException slow) {
            refuse(new HttpRefusal(408, "the request head did not arrive in time"), in, out);
            return false;
        }
        if (head == null) {
            return false;
        }
        in.limits(0, limits.idleTimeoutMs());
        Exchange exchange = new Exchange(head, in, out, !server.draining());
        try {
            handler.handle(exchange);
        } catch (HttpRefusal refusal) {
            if (exchange.status() < 0) {
                refuse(refusal.about(head.method(), head.target()), in, out);
            }
            return false;
        }
        if (exchange.status() < 0) {
            return false;
        }
        boolean complete = exchange.finish();
        BodyInput body = exchange.requestBody();
        if (!complete || !exchange.keepAlive()) {
            if (!body.ended() || in.buffered() > 0) {
                lingerClose();
            }
            return false;
        }
        if (body.ended()) {
            return true;
        }
        if (!drained(body)) {
            lingerClose();
            return false;
        }
        return true;
    }

    private boolean drained(BodyInput body) {
        try {
            return body.skipRest(DRAIN_LIMIT);
        } catch (IOException broken) {
            return false;
        }
    }

    private void refuse(HttpRefusal refusal, InputStream in, OutputStream out) throws IOException {
        Exchange exchange = new Exchange(null, in, out, false);
        handler.refused(refusal, exchange);
        exchange.finish();
        lingerClose();
    }

    /**
     * Half-closes and reads what the client still sends, briefly: closing with unread bytes would reset the
     * connection, and the client could lose the answer before it read it.
     */
    private void lingerClose() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(LINGER_MS);
            byte[] sink = new byte[8192];
            long deadline = System.nanoTime() + LINGER_MS * 1_000_000L;
            long dropped = 0;
            InputStream raw = socket.getInputStream();
            while (dropped < LINGER_BYTES && System.nanoTime() < deadline) {
                int n = raw.read(sink);
                if (n < 0) {
                    break;
                }
                dropped += n;
            }
        } catch (IOException closedOrQuiet) {
            // the client closed or stayed silent: either way the connection ends now
        }
    }
}
