package dev.detour.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A look for the other processes that hold one file open for writing ({@link OpenWriters}), waiting (bounded) for
 * them to close it. {@link #start} runs it on a thread of its own, so that the caller reads the file and computes its
 * change meanwhile: on a fresh JVM the first look through {@code /proc} takes about as long as both.
 */
final class OpenWritersScan implements AutoCloseable {
    private static final long WAIT_MS = 2_000;
    private static final long POLL_MS = 20;

    /** Scans started ahead of a write ({@link #startEarly}), by the file's real path, for the write to take over. */
    private static final Map<Path, OpenWritersScan> EARLY = new ConcurrentHashMap<>();

    private final OpenWriters.Inode inode;
    private final FutureTask<List<OpenWriters.Writer>> task;

    private OpenWritersScan(OpenWriters.Inode inode, FutureTask<List<OpenWriters.Writer>> task) {
        this.inode = inode;
        this.task = task;
    }

    /** The scan of {@code inode} at {@code path}: the one started early for it, if any, else a new one. */
    static OpenWritersScan start(Path path, OpenWriters.Inode inode) {
        OpenWritersScan early = EARLY.remove(path);
        if (early != null && early.inode.equals(inode)) {
            return early;
        }
        if (early != null) {
            early.close();
        }
        return startNew(path, inode);
    }

    /**
     * Starts the scan of the file at {@code path} (a real path) now, for the next write of it in this process: a
     * command that will write the config starts it before it reads the config for its own use. Nothing happens
     * when the file cannot be read.
     */
    static void startEarly(Path path) {
        try {
            OpenWritersScan previous = EARLY.put(path, startNew(path, OpenWriters.Inode.of(path)));
            if (previous != null) {
                previous.close();
            }
        } catch (IOException unreadable) {
            // the write reports it
        }
    }

    private static OpenWritersScan startNew(Path path, OpenWriters.Inode inode) {
        FutureTask<List<OpenWriters.Writer>> task = new FutureTask<>(() -> awaitNone(path, inode, false));
        Thread thread = new Thread(task, "config-open-writers");
        thread.setDaemon(true);
        thread.start();
        return new OpenWritersScan(inode, task);
    }

    /** The processes that still held the file open for writing when the scan gave up waiting; empty when none. */
    List<OpenWriters.Writer> result() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking for processes that write the file", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Stops the scan when its result is no longer needed (the file changed, or there is nothing to write). */
    @Override
    public void close() {
        task.cancel(true);
    }

    /**
     * The other processes (and this one when {@code thisProcessToo}) that still hold {@code inode} open for writing
     * after waiting (bounded) for them to close it.
     */
    static List<OpenWriters.Writer> awaitNone(Path path, OpenWriters.Inode inode, boolean thisProcessToo) {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        List<OpenWriters.Writer> writers = OpenWriters.of(path, inode, thisProcessToo);
        while (!writers.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return writers;
            }
            writers = OpenWriters.of(path, inode, thisProcessToo);
        }
        return writers;
    }
}
