package dev.detour.httpd;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

/**
 * The buffered bytes of one connection, shared by the request heads and bodies read from it. A deadline bounds the
 * time a whole request head may take (a client trickling bytes, slowloris, cannot hold a thread longer).
 */
final class ConnectionInput extends InputStream {
    /** Per connection, each way: a request head fits, larger bodies bypass it; every open connection holds two. */
    static final int BUFFER_BYTES = 8 * 1024;

    private final InputStream in;
    private final ReadDeadlines.Watch watch;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private long deadline;
    private int idleMs;

    /** @param watch ends a read that blocks past its limit */
    ConnectionInput(InputStream in, ReadDeadlines.Watch watch) {
        this.in = in;
        this.watch = watch;
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
                return limitedRead(into, offset, length);
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
        int n = limitedRead(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** A read from the socket that ends with a {@link SocketTimeoutException} when it blocks past the limits. */
    private int limitedRead(byte[] into, int offset, int length) throws IOException {
        long until = readDeadline();
        if (until == 0) {
            return in.read(into, offset, length);
        }
        watch.readStarts(until);
        try {
            int n = in.read(into, offset, length);
            if (n >= 0 || !watch.expired()) {
                return n;
            }
        } catch (IOException e) {
            if (!watch.expired()) {
                throw e;
            }
        } finally {
            watch.readEnds();
        }
        throw new SocketTimeoutException("Read timed out");
    }

    /** When the next read must have ended ({@link System#nanoTime()}), or 0 for never. */
    private long readDeadline() throws SocketTimeoutException {
        long now = System.nanoTime();
        long until = idleMs == 0 ? 0 : now + idleMs * 1_000_000L;
        if (deadline != 0) {
            if (deadline - now <= 0) {
                throw new SocketTimeoutException("the request head took too long");
            }
            until = until == 0 || deadline - until < 0 ? deadline : until;
        }
        return until;
    }
}
