package dev.detour.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An advisory lock that every detour writer of one config file takes: {@code .NAME.lock} beside the file, locked
 * with {@code flock} across processes and a lock per file within this one (a JVM cannot hold two file locks on one
 * file). Editors do not honour it; the writer's compare-after-rename covers them.
 */
final class ConfigLock implements AutoCloseable {
    static final long WAIT_MS = 15_000;
    private static final Map<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private ConfigLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    static ConfigLock acquire(Path target) throws IOException {
        Path file = target.toAbsolutePath().resolveSibling("." + target.getFileName() + ".lock");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        ReentrantLock local = IN_THIS_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        try {
            if (!local.tryLock(WAIT_MS, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to write the config; nothing was written");
        }
        FileChannel channel = null;
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another writer created it first
                }
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new ConfigLock(local, channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    throw busy();
                }
                Thread.sleep(10);
            }
        } catch (IOException | RuntimeException e) {
            release(local, channel);
            throw e;
        } catch (InterruptedException e) {
            release(local, channel);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to write the config; nothing was written");
        }
    }

    private static IOException busy() {
        return new IOException("another detour process kept the config locked for " + WAIT_MS / 1000
                + " s; nothing was written");
    }

    private static void release(ReentrantLock local, FileChannel channel) throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            local.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            release(local, channel);
        }
    }
}
