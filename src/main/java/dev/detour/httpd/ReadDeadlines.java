package dev.detour.httpd;

import dev.detour.net.DeadlineWatcher;

import java.io.IOException;
import java.net.Socket;

/**
 * The time limits of reads from clients: a blocked read past its deadline has its connection's input shut, so that it
 * ends at once and reports a timeout. A {@link DeadlineWatcher} checks the connections. The sockets themselves get no
 * read timeout: the JDK reads a socket with a timeout as a non-blocking read, then a poll, then a read again, three
 * system calls where a blocking read is one, and that on every request.
 */
final class ReadDeadlines {
    static final ReadDeadlines SHARED = new ReadDeadlines("http-read-deadlines");

    private final DeadlineWatcher<Watch> watched;

    /** The reads of one connection. */
    final class Watch {
        private final Socket socket;
        private volatile long deadline;
        private volatile boolean reading;
        private volatile boolean expired;

        private Watch(Socket socket) {
            this.socket = socket;
        }

        /** A read that may block until {@code deadlineNanos} ({@link System#nanoTime()}) starts. */
        void readStarts(long deadlineNanos) {
            deadline = deadlineNanos;
            reading = true;
        }

        void readEnds() {
            reading = false;
        }

        /** Whether a read was cut for its deadline: every later read fails as well (the input is shut). */
        boolean expired() {
            return expired;
        }

        /** The connection is over. */
        void done() {
            watched.remove(this);
        }

        private void expireIfDue(long now) {
            if (!reading || expired || now - deadline < 0) {
                return;
            }
            expired = true;
            try {
                socket.shutdownInput();
            } catch (IOException closed) {
                // closed meanwhile: the read has ended anyway
            }
        }
    }

    private ReadDeadlines(String threadName) {
        watched = new DeadlineWatcher<>(threadName, Watch::expireIfDue);
    }

    /** Watches the reads of a connection until {@link Watch#done()}. */
    Watch watch(Socket socket) {
        Watch watch = new Watch(socket);
        watched.add(watch);
        return watch;
    }
}
