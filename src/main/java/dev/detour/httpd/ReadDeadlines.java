package dev.detour.httpd;

import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time limits of reads from clients: a blocked read past its deadline has its connection's input shut, so that it
 * ends at once and reports a timeout. One daemon thread checks the connections a few times a second and sleeps while
 * there are none. The sockets themselves get no read timeout: the JDK reads a socket with a timeout as a non-blocking
 * read, then a poll, then a read again, three system calls where a blocking read is one, and that on every request.
 * A limit may overrun by one tick.
 */
final class ReadDeadlines {
    static final long TICK_MS = 100;
    static final ReadDeadlines SHARED = new ReadDeadlines("http-read-deadlines");

    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private volatile boolean asleep;

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
        Thread checker = new Thread(this::check, threadName);
        checker.setDaemon(true);
        checker.start();
    }

    /** Watches the reads of a connection until {@link Watch#done()}. */
    Watch watch(Socket socket) {
        Watch watch = new Watch(socket);
        watched.add(watch);
        if (asleep) {
            synchronized (wake) {
                wake.notifyAll();
            }
        }
        return watch;
    }

    private void check() {
        try {
            while (true) {
                synchronized (wake) {
                    asleep = true;
                    while (watched.isEmpty()) {
                        wake.wait();
                    }
                    asleep = false;
                }
                Thread.sleep(TICK_MS);
                long now = System.nanoTime();
                for (Watch watch : watched) {
                    watch.expireIfDue(now);
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
