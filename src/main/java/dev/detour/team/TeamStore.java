package dev.detour.team;

import redis.clients.jedis.Pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where team messages live in Redis, under {@code detour:team:NAME:}: one key per bridge summary (with a TTL, and an
 * index sorted by expiry so readers need no SCAN), and one key per session name holding its override message (expiring when the override ends), with a set of
 * those names.
 */
public final class TeamStore {
    private static final int MGET_CHUNK = 500;
    private final RedisLink link;
    private final String prefix;

    public TeamStore(RedisLink link, String team) {
        this.link = link;
        this.prefix = "detour:team:" + team + ":";
    }

    public RedisLink link() {
        return link;
    }

    String overrideKey(String session) {
        return prefix + "override:" + session;
    }

    String overrideIndexKey() {
        return prefix + "overrides";
    }

    String summaryIndexKey() {
        return prefix + "summaries";
    }

    String summaryKey(String box, String session) {
        return prefix + "summary:" + box + ":" + session;
    }

    /** Stores one bridge's summary for {@code ttlMs}: two commands in one round trip. */
    public void putSummary(Envelope signed, String box, String session, long ttlMs) throws TeamUnavailable {
        String key = summaryKey(box, session);
        String json = Codec.write(signed);
        link.call(j -> {
            Pipeline p = j.pipelined();
            p.psetex(key, ttlMs, json);
            p.zadd(summaryIndexKey(), System.currentTimeMillis() + ttlMs, key);
            p.sync();
            return null;
        });
    }

    /**
     * Keeps an unchanged summary live for another {@code ttlMs} without rewriting it, so that readers find the same
     * text they already verified; false when the key is gone (expired, Redis flushed or restarted).
     */
    public boolean touchSummary(String box, String session, long ttlMs) throws TeamUnavailable {
        String key = summaryKey(box, session);
        return link.call(j -> {
            if (j.pexpire(key, ttlMs) == 0) {
                return false;
            }
            j.zadd(summaryIndexKey(), System.currentTimeMillis() + ttlMs, key);
            return true;
        });
    }

    /** Every summary still live, as stored (checked by the caller). */
    public List<String> summaries() throws TeamUnavailable {
        long now = System.currentTimeMillis();
        return link.call(j -> {
            j.zremrangeByScore(summaryIndexKey(), Double.NEGATIVE_INFINITY, now);
            List<String> keys = j.zrangeByScore(summaryIndexKey(), now, Double.POSITIVE_INFINITY);
            List<String> out = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i += MGET_CHUNK) {
                List<String> chunk = keys.subList(i, Math.min(keys.size(), i + MGET_CHUNK));
                for (String value : j.mget(chunk.toArray(String[]::new))) {
                    if (value != null) {
                        out.add(value);
                    }
                }
            }
            return out;
        });
    }

    /** Stores the override message of a session; Redis drops it by itself at {@code expireAtMs}. */
    public void putOverride(String session, Envelope signed, long expireAtMs) throws TeamUnavailable {
        String json = Codec.write(signed);
        link.call(j -> {
            Pipeline p = j.pipelined();
            p.set(overrideKey(session), json);
            p.pexpireAt(overrideKey(session), expireAtMs);
            p.sadd(overrideIndexKey(), session);
            p.sync();
            return null;
        });
    }

    /** The stored override message of one session, or null. */
    public String override(String session) throws TeamUnavailable {
        return link.call(j -> j.get(overrideKey(session)));
    }

    /** Every stored override message, by session name (index entries whose message expired are dropped). */
    public Map<String, String> overrides() throws TeamUnavailable {
        return link.call(j -> {
            List<String> sessions = new ArrayList<>(j.smembers(overrideIndexKey()));
            Map<String, String> out = new java.util.TreeMap<>();
            if (sessions.isEmpty()) {
                return out;
            }
            List<String> values = j.mget(sessions.stream().map(this::overrideKey).toArray(String[]::new));
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                if (values.get(i) == null) {
                    gone.add(sessions.get(i));
                } else {
                    out.put(sessions.get(i), values.get(i));
                }
            }
            if (!gone.isEmpty()) {
                j.srem(overrideIndexKey(), gone.toArray(String[]::new));
            }
            return out;
        });
    }
}
