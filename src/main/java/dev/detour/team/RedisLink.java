package dev.detour.team;

import dev.detour.config.TeamSettings;
import dev.detour.net.Egress;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.util.function.Function;

/**
 * One Redis connection, made when first needed and made again after a failure with a growing pause (0.25 s doubling
 * to 10 s), so that a down Redis costs one failed attempt per pause, never a wait per call. Every call is bounded by
 * the socket timeout. Thread-safe: callers take turns.
 */
public final class RedisLink implements AutoCloseable {
    static final long FIRST_PAUSE_MS = 250;
    static final long MAX_PAUSE_MS = 10_000;

    private final RedisSockets sockets;
    private final DefaultJedisClientConfig clientConfig;
    private final String where;
    private Jedis jedis;
    private int failures;
    private long nextAttemptMs;
    private String lastError;
    private volatile long lastOkMs;

    /** @param egress how connections leave this box: the proxy, extra CAs and client certificate of {@code [settings]} */
    public RedisLink(TeamSettings team, String password, Egress egress, int timeoutMs) {
        URI uri = URI.create(team.redisUrl());
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
        int db = path.isEmpty() ? 0 : Integer.parseInt(path);
        boolean tls = "rediss".equalsIgnoreCase(uri.getScheme());
        this.sockets = new RedisSockets(egress, uri.getHost(), port, tls, timeoutMs);
        this.where = uri.getScheme() + "://" + uri.getHost() + ":" + port + "/" + db;
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs).socketTimeoutMillis(timeoutMs)
                .database(db).clientName("detour-" + team.box());
        if (password != null) {
            b.password(password);
        }
        this.clientConfig = b.build();
    }

    /** The server, for messages: never holds a password. */
    public String where() {
        return where;
    }

    /** Epoch milliseconds of the last call that worked, 0 before any. */
    public long lastOkMs() {
        return lastOkMs;
    }

    /** Runs {@code op} on the connection; throws {@link TeamUnavailable} when Redis cannot be reached now. */
    public synchronized <T> T call(Function<Jedis, T> op) throws TeamUnavailable {
        long now = System.currentTimeMillis();
        if (jedis == null) {
            if (now < nextAttemptMs) {
                throw new TeamUnavailable(lastError + "; next attempt in " + (nextAttemptMs - now) + " ms");
            }
            try {
                jedis = new Jedis(sockets, clientConfig);
                jedis.ping();
            } catch (JedisException e) {
                fail(e, now);
            }
        }
        try {
            T result = op.apply(jedis);
            failures = 0;
            lastOkMs = System.currentTimeMillis();
            return result;
        } catch (JedisException e) {
            fail(e, now);
            throw new IllegalStateException("unreachable");
        }
    }

    private void fail(JedisException e, long now) throws TeamUnavailable {
        closeQuietly();
        long pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << Math.min(failures, 10));
        failures++;
        nextAttemptMs = now + pause;
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            message = message + ": " + cause.getMessage();
        }
        lastError = "Redis at " + where + ": " + message.replaceAll("\\.+$", "");
        throw new TeamUnavailable(lastError);
    }

    private void closeQuietly() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // the connection is already broken; closing it is only tidying
            }
            jedis = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
