package dev.detour.team;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether a message read from Redis may be believed: signed by the team secret, for this team, not stale,
 * not from the future, and not an older message put back in place of a newer one (a replay). Remembers, per slot,
 * the newest message it accepted. Not thread-safe: one reader owns one gate.
 */
public final class Gate {
    /** Clocks of team boxes may disagree by this much. */
    public static final Duration SKEW = Duration.ofSeconds(30);

    /** What the gate made of a message: {@code NEW} and {@code SAME} are believed; the rest are reported. */
    public enum Outcome {
        NEW, SAME, UNSIGNED, FORGED, STALE, FUTURE, REPLAYED;

        public boolean believed() {
            return this == NEW || this == SAME;
        }

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Seen(long ts, String nonce) {
    }

    private static final int MAX_NONCES = 20_000;
    private final Signer signer;
    private final String team;
    private final Map<String, Seen> newest = new HashMap<>();
    private final Map<String, String> nonces = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_NONCES;
        }
    };

    /** @param signer null when this box has no secret: then nothing is believed */
    public Gate(Signer signer, String team) {
        this.signer = signer;
        this.team = team;
    }

    /**
     * @param maxAge how old a message of this kind may be and still count
     */
    public Outcome check(Envelope e, long nowMs, Duration maxAge) {
        if (e.sig() == null || e.sig().isBlank()) {
            return Outcome.UNSIGNED;
        }
        if (signer == null || !signer.verify(e) || !team.equals(e.team())) {
            return Outcome.FORGED;
        }
        return judge(e, nowMs, maxAge);
    }

    /**
     * The checks after the signature, for a message whose exact bytes were verified before (a polling reader's cache):
     * stale, future, replayed, or new or the same as the newest of its slot.
     */
    public Outcome judge(Envelope e, long nowMs, Duration maxAge) {
        if (e.ts() > nowMs + SKEW.toMillis()) {
            return Outcome.FUTURE;
        }
        String slot = e.kind() + "/" + e.slot();
        Seen last = newest.get(slot);
        if (last != null && last.nonce().equals(e.nonce()) && last.ts() == e.ts()) {
            return Outcome.SAME;
        }
        String usedFor = nonces.get(e.nonce());
        if (last != null && e.ts() <= last.ts() || usedFor != null) {
            return Outcome.REPLAYED;
        }
        if (e.ts() < nowMs - maxAge.toMillis()) {
            return Outcome.STALE;
        }
        newest.put(slot, new Seen(e.ts(), e.nonce()));
        nonces.put(e.nonce(), slot);
        return Outcome.NEW;
    }
}
