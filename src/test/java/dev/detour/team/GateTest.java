package dev.detour.team;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing and the gate: what is believed, and each reason a message is not. */
class GateTest {
    private static final String SECRET = "the-team-secret-0123456789";
    private static final Duration AGE = Duration.ofMinutes(5);
    private static final long NOW = 1_800_000_000_000L;
    private final Signer signer = new Signer(SECRET);

    private Envelope signed(String slot, long ts, String body) {
        return signer.sign(new Envelope("override", "platform", slot, "box-a", ts, Signer.nonce(), body, null));
    }

    @Test
    void aSignedFreshMessageIsBelievedOnceThenSeenAsTheSame() {
        Gate gate = new Gate(signer, "platform");
        Envelope e = signed("main", NOW, "{}");
        assertEquals(Gate.Outcome.NEW, gate.check(e, NOW, AGE));
        assertEquals(Gate.Outcome.SAME, gate.check(e, NOW + 1000, AGE));
        assertTrue(Gate.Outcome.SAME.believed());
    }

    @Test
    void unsignedForgedAndTamperedMessagesAreRefused() {
        Gate gate = new Gate(signer, "platform");
        Envelope e = signed("main", NOW, "{\"upstream\":\"a\"}");
        assertEquals(Gate.Outcome.UNSIGNED, gate.check(e.withSig(null), NOW, AGE));
        assertEquals(Gate.Outcome.UNSIGNED, gate.check(e.withSig(" "), NOW, AGE));
        assertEquals(Gate.Outcome.FORGED, gate.check(new Signer("another-secret-of-length").sign(e.withSig(null)), NOW, AGE));
        assertEquals(Gate.Outcome.FORGED, gate.check(e.withSig("zz-not-hex"), NOW, AGE));
        Envelope tampered = new Envelope(e.kind(), e.team(), e.slot(), e.box(), e.ts(), e.nonce(), "{\"upstream\":\"b\"}", e.sig());
        assertEquals(Gate.Outcome.FORGED, gate.check(tampered, NOW, AGE));
        Envelope otherSlot = new Envelope(e.kind(), e.team(), "review", e.box(), e.ts(), e.nonce(), e.body(), e.sig());
        assertEquals(Gate.Outcome.FORGED, gate.check(otherSlot, NOW, AGE));
        assertEquals(Gate.Outcome.FORGED, new Gate(null, "platform").check(e, NOW, AGE), "no secret: nothing is believed");
    }

    @Test
    void anotherTeamsMessageIsForgedEvenWithTheSameSecret() {
        Envelope e = signer.sign(new Envelope("override", "other-team", "main", "box-a", NOW, Signer.nonce(), "{}", null));
        assertEquals(Gate.Outcome.FORGED, new Gate(signer, "platform").check(e, NOW, AGE));
    }

    @Test
    void staleAndFutureMessagesAreRefused() {
        Gate gate = new Gate(signer, "platform");
        assertEquals(Gate.Outcome.STALE, gate.check(signed("main", NOW - AGE.toMillis() - 1, "{}"), NOW, AGE));
        assertEquals(Gate.Outcome.FUTURE, gate.check(signed("main", NOW + Gate.SKEW.toMillis() + 1, "{}"), NOW, AGE));
        assertEquals(Gate.Outcome.NEW, gate.check(signed("main", NOW + Gate.SKEW.toMillis() - 1, "{}"), NOW, AGE),
                "a clock a little ahead is tolerated");
    }

    @Test
    void anOlderMessagePutBackAfterANewerOneIsAReplay() {
        Gate gate = new Gate(signer, "platform");
        Envelope first = signed("main", NOW, "{\"upstream\":\"a\"}");
        Envelope second = signed("main", NOW + 5000, "{\"clear\":true}");
        assertEquals(Gate.Outcome.NEW, gate.check(first, NOW, AGE));
        assertEquals(Gate.Outcome.NEW, gate.check(second, NOW + 5000, AGE));
        assertEquals(Gate.Outcome.REPLAYED, gate.check(first, NOW + 6000, AGE));
        assertEquals(Gate.Outcome.NEW, gate.check(signed("review", NOW, "{}"), NOW, AGE), "slots are independent");
    }

    @Test
    void aNonceUsedBeforeIsAReplayInAnyOtherMessage() {
        Gate gate = new Gate(signer, "platform");
        Envelope first = signed("main", NOW, "{}");
        assertEquals(Gate.Outcome.NEW, gate.check(first, NOW, AGE));
        Envelope reused = signer.sign(new Envelope("override", "platform", "review", "box-a", NOW + 1, first.nonce(), "{}", null));
        assertEquals(Gate.Outcome.REPLAYED, gate.check(reused, NOW + 1, AGE));
    }

    @Test
    void aShortSecretIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Signer("short"));
        assertFalse(e.getMessage().contains("short\""), e.getMessage());
    }
}
