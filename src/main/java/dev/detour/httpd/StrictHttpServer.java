package dev.detour.httpd;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small strict HTTP/1.1 server over blocking sockets: a thread per connection from a bounded pool, the request
 * read on that same thread (no hand-off between a dispatcher and workers), keep-alive, {@code Expect: 100-continue},
 * {@code Content-Length} and chunked bodies, chunked streaming responses flushed as the handler flushes. Every
 * malformed or refused request is answered through {@link Handler#refused}, in the handler's words.
 */
public final class StrictHttpServer {
    /**
     * How long a thread whose connection closed waits for the next one. Short: each idle thread keeps its stack and
     * thread-local buffers, and after a burst of connections they would hold a bridge's memory up (scripts/bench-memory).
     */
    static final int IDLE_THREAD_MS = 500;

    private final ServerSocket listener;
    private final Handler handler;
    private final Limits limits;
    private final ThreadPoolExecutor threads;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean draining;

    private StrictHttpServer(ServerSocket listener, Handler handler, Limits limits, String threadName) {
        this.listener = listener;
        this.handler = handler;
        this.limits = limits;
        this.threads = new ThreadPoolExecutor(0, limits.maxConnections(), IDLE_THREAD_MS, TimeUnit.MILLISECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, threadName);
                    t.setDaemon(true);
                    return t;
                });
        this.acceptor = new Thread(this::accept, threadName + "-accept");
        acceptor.setDaemon(true);
    }

    /** Binds the loopback address at {@code port} (0: any free port) and starts serving. */
    public static StrictHttpServer startOnLoopback(int port, Handler handler, Limits limits, String threadName)
            throws IOException {
        return serve(listenOnLoopback(port), handler, limits, threadName);
    }

    /**
     * Binds and listens on the loopback address at {@code port} (0: any free port) without serving yet: clients
     * connect at once and their connections wait in the backlog until {@link #serve} accepts them.
     */
    public static ServerSocket listenOnLoopback(int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        return listener;
    }

    /** Starts serving the connections of {@code listener} (from {@link #listenOnLoopback}). */
    public static StrictHttpServer serve(ServerSocket listener, Handler handler, Limits limits, String threadName) {
        StrictHttpServer server = new StrictHttpServer(listener, handler, limits, threadName);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections open now (for tests and stats). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Stops accepting and closes idle connections; requests in flight go on, and their connections close once
     * answered. After {@code boundSeconds} whatever is left is cut.
     */
    public void stopAccepting(int boundSeconds) {
        draining = true;
        closeListener();
        connections.stream().filter(Connection::idle).forEach(Connection::close);
        Thread cutter = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(boundSeconds));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
            connections.forEach(Connection::close);
        }, "http-stop");
        cutter.setDaemon(true);
        cutter.start();
    }

    /** Stops at once, cutting every connection. */
    public void close() {
        draining = true;
        closeListener();
        connections.forEach(Connection::close);
        threads.shutdownNow();
    }

    boolean draining() {
        return draining;
    }

    void closed(Connection connection) {
        connections.remove(connection);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException failed) {
                pauseUnlessClosed();
                continue;
            }
            Connection connection = new Connection(socket, handler, limits, this);
            connections.add(connection);
            try {
                threads.execute(connection);
            } catch (RejectedExecutionException full) {
                connections.remove(connection);
                refuseBusy(socket);
            }
        }
    }

    /** An accept that failed while listening (out of file descriptors): wait a little rather than spin. */
    private void pauseUnlessClosed() {
        if (!listener.isClosed()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                closeListener();
            }
        }
    }

    /** No thread is free: a 503 in the handler's words, written at once (it fits the socket's buffer), then close. */
    private void refuseBusy(Socket socket) {
        try (socket) {
            BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Exchange exchange = new Exchange(null, null, out, false);
            handler.refused(new HttpRefusal(503, "too many connections; retry"), exchange);
            exchange.finish();
        } catch (IOException | RuntimeException gone) {
            // the client is gone or the answer failed; the connection closes either way
        }
    }

    private void closeListener() {
        try {
            listener.close();
        } catch (IOException alreadyClosed) {
            // nothing more to stop
        }
    }
}
