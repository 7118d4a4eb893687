package dev.detour.supervise;

import dev.detour.config.DetourPaths;
import dev.detour.config.PrivateFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Held while one thread of one detour process changes a session's bridge: an in-process lock (file locks are per
 * JVM, not per thread) and then a lock on {@code <session>.lock} in the bridges directory.
 */
record SessionLock(ReentrantLock local, FileChannel channel, FileLock fileLock) implements AutoCloseable {
    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** Blocks until this thread holds the session's lock; creates the state and bridges directories if needed. */
    static SessionLock acquire(DetourPaths paths, String session) throws IOException {
        // private to this user: logs and tokens live there
        for (Path dir : List.of(paths.stateDir(), paths.bridgesDir())) {
            PrivateFiles.dir(dir);
        }
        Path file = paths.bridgesDir().resolve(session + ".lock");
        ReentrantLock local = LOCKS.computeIfAbsent(file.toAbsolutePath(), f -> new ReentrantLock());
        local.lock();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new SessionLock(local, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fileLock.release();
            channel.close();
        } finally {
            local.unlock();
        }
    }
}
