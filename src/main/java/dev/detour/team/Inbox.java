package dev.detour.team;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads stored messages through a {@link Gate}: believed ones come out with their bodies, the rest are kept as
 * problems ("forged override for session main from box x") for status and the journal.
 */
public final class Inbox {
    /** A believed message: its body, its envelope, and whether it is new to this reader. */
    public record Letter<T>(T body, Envelope envelope, boolean isNew) {
    }

    /** A message that was not believed. */
    public record Problem(Gate.Outcome outcome, String kind, String slot, String box, String nonce) {
        public String text() {
            return outcome.word() + " " + kind + " message" + (slot == null ? "" : " for " + slot)
                    + (box == null ? "" : " claiming box " + box) + " ignored";
        }
    }

    private static final int REMEMBERED = 5000;
    private final Gate gate;
    private final List<Problem> problems = new ArrayList<>();
    /** Believed messages by their stored text: a reader that polls skips parsing and verifying what it saw before. */
    private final java.util.Map<String, Letter<?>> believed = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Letter<?>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Parsed bodies by their text: a bridge whose counts did not change re-publishes the same body, parsed once. */
    private final java.util.Map<String, Object> bodies = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Object> eldest) {
            return size() > REMEMBERED;
        }
    };

    public Inbox(Gate gate) {
        this.gate = gate;
    }

    /** @param slot the slot the message must be about (where it was stored), or null for any */
    public <T> Optional<Letter<T>> read(String stored, String kind, String slot, Class<T> type, long nowMs,
                                        Duration maxAge) {
        Letter<?> seen = stored == null ? null : believed.get(stored);
        if (seen != null && type.isInstance(seen.body()) && (slot == null || slot.equals(seen.envelope().slot()))) {
            Gate.Outcome outcome = gate.judge(seen.envelope(), nowMs, maxAge);
            if (!outcome.believed()) {
                Envelope e = seen.envelope();
                problems.add(new Problem(outcome, kind, e.slot(), e.box(), e.nonce()));
                return Optional.empty();
            }
            return Optional.of(new Letter<>(type.cast(seen.body()), seen.envelope(), outcome == Gate.Outcome.NEW));
        }
        Optional<Envelope> envelope = Codec.read(stored, Envelope.class);
        if (envelope.isEmpty() || !kind.equals(envelope.get().kind())) {
            problems.add(new Problem(Gate.Outcome.FORGED, kind, null, null, null));
            return Optional.empty();
        }
        Envelope e = envelope.get();
        if (slot != null && !slot.equals(e.slot())) {
            problems.add(new Problem(Gate.Outcome.FORGED, kind, slot, e.box(), e.nonce()));
            return Optional.empty();
        }
        Gate.Outcome outcome = gate.check(e, nowMs, maxAge);
        if (!outcome.believed()) {
            problems.add(new Problem(outcome, kind, e.slot(), e.box(), e.nonce()));
            return Optional.empty();
        }
        Optional<T> body = body(e.body(), type);
        if (body.isEmpty()) {
            problems.add(new Problem(Gate.Outcome.FORGED, kind, e.slot(), e.box(), e.nonce()));
            return Optional.empty();
        }
        Letter<T> letter = new Letter<>(body.get(), e, outcome == Gate.Outcome.NEW);
        believed.put(stored, letter);
        return Optional.of(letter);
    }

    private <T> Optional<T> body(String text, Class<T> type) {
        Object known = text == null ? null : bodies.get(text);
        if (type.isInstance(known)) {
            return Optional.of(type.cast(known));
        }
        Optional<T> parsed = Codec.read(text, type);
        parsed.ifPresent(b -> bodies.put(text, b));
        return parsed;
    }

    /** The problems since the last call, then forgets them. */
    public List<Problem> drainProblems() {
        List<Problem> out = List.copyOf(problems);
        problems.clear();
        return out;
    }
}
