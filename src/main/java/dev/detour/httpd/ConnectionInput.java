package dev.detour.httpd;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.IntConsumer;

/**
 * The buffered bytes of one connection, shared by the request heads and bodies read from it. A deadline bounds the
 * time a whole request head may take (a client trickling bytes, slowloris, cannot hold a thread longer).
 */
final class ConnectionInput extends InputStream {
    /** Per connection, each way: a request head fits, larger bodies bypass it; every open connection holds two. */
    static final int BUFFER_BYTES = 8 * 1024;

    private final InputStream in;
    private final IntConsumer readTimeout;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private long deadline;
    private int idleMs;

    /** @param readTimeout sets the socket's read timeout in ms (0: none) before each blocking read */
    ConnectionInput(InputStream in, IntConsumer readTimeout) {
        this.in = in;
        this.readTimeout = readTimeout;
    }

    /** Reads may block at most until {@code deadlineNanos} in all (0: no deadline), and each at most {@code idleMs}. */
    void limits(long deadlineNanos, int idleMs) {
        this.deadline = deadlineNanos;
        this.idleMs = idleMs;
    }

    /** Whether bytes arrive (false: the peer closed cleanly), waiting at most the limits. */
    boolean await() throws IOException {
        return position < limit || fill();
    }

    /** Whether a whole read could be answered from the buffer without blocking. */
    int buffered() {
        return limit - position;
    }

    @Override
    public int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= buffer.length) {
                applyTimeout();
                return in.read(into, offset, length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return limit - position;
    }

    private boolean fill() throws IOException {
        applyTimeout();
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private void applyTimeout() throws SocketTimeoutException {
        int timeout = idleMs;
        if (deadline != 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("the request head took too long");
            }
            timeout = timeout == 0 ? (int) Math.min(Integer.MAX_VALUE, left) : (int) Math.min(timeout, left);
        }
        readTimeout.accept(timeout);
    }
}
