package dev.detour.health;

import okhttp3.Dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A resolver (the system's outside tests) with a time limit: {@code InetAddress} lookups cannot be interrupted and may block for the
 * resolver's own retries (tens of seconds), so they run on a small pool of their own and the probe stops waiting.
 */
final class BoundedDns implements Dns {
    private final Dns resolver;
    private final ExecutorService lookups;
    private final Duration timeout;

    BoundedDns(Dns resolver, ExecutorService lookups, Duration timeout) {
        this.resolver = resolver;
        this.lookups = lookups;
        this.timeout = timeout;
    }

    @Override
    public List<InetAddress> lookup(String host) throws UnknownHostException {
        Future<List<InetAddress>> f;
        try {
            f = lookups.submit(() -> resolver.lookup(host));
        } catch (RejectedExecutionException e) {
            throw new UnknownHostException(host + ": too many DNS lookups pending");
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new UnknownHostException(host + ": no DNS answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            UnknownHostException u = new UnknownHostException(host + ": " + e.getCause());
            u.initCause(e.getCause());
            throw u;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
    }
}
