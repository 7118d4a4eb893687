package dev.detour.team;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading stored messages: believed once, the same again, and a replay caught even from the reader's cache. */
class InboxTest {
    private static final Duration AGE = Duration.ofHours(1);
    private final Signer signer = new Signer("inbox-test-secret-0123456789");

    private String stored(long ts, TeamOverride body) {
        return Codec.write(signer.sign(new Envelope("override", "t", "main", "box-a", ts, Signer.nonce(), Codec.write(body), null)));
    }

    @Test
    void aMessageIsNewOnceThenTheSameAndAnOlderOneBroughtBackIsAReplay() {
        Inbox inbox = new Inbox(new Gate(signer, "t"));
        String set = stored(1000, new TeamOverride("main", false, "corp", null, 999_999, null, "alice"));
        String clear = stored(2000, TeamOverride.clearing("main", "bob", null, 999_999));
        assertTrue(inbox.read(set, "override", "main", TeamOverride.class, 1000, AGE).orElseThrow().isNew());
        assertFalse(inbox.read(set, "override", "main", TeamOverride.class, 1500, AGE).orElseThrow().isNew());
        assertTrue(inbox.read(clear, "override", "main", TeamOverride.class, 2000, AGE).orElseThrow().body().clear());
        assertTrue(inbox.read(set, "override", "main", TeamOverride.class, 2500, AGE).isEmpty());
        List<Inbox.Problem> problems = inbox.drainProblems();
        assertEquals(1, problems.size());
        assertEquals("replayed override message for main claiming box box-a ignored", problems.get(0).text());
    }

    @Test
    void aMessageStoredUnderAnotherSessionOrUnreadableIsForged() {
        Inbox inbox = new Inbox(new Gate(signer, "t"));
        String set = stored(1000, new TeamOverride("main", false, "corp", null, 999_999, null, "alice"));
        assertTrue(inbox.read(set, "override", "review", TeamOverride.class, 1000, AGE).isEmpty());
        assertTrue(inbox.read("{not json", "override", "main", TeamOverride.class, 1000, AGE).isEmpty());
        List<Inbox.Problem> problems = inbox.drainProblems();
        assertEquals(2, problems.size());
        assertEquals(Gate.Outcome.FORGED, problems.get(0).outcome());
        assertEquals(Gate.Outcome.FORGED, problems.get(1).outcome());
    }

    @Test
    void anUnchangedSummaryResealedIsVerifiedAgainButItsBodyIsParsedOnceAndItsTimeIsTheEnvelopes() {
        Inbox inbox = new Inbox(new Gate(signer, "t"));
        Summary summary = new Summary("box-a", "main", 0, List.of("anthropic"), null, List.of(
                new Summary.Line("anthropic", "https://api.anthropic.com", 3, 1, java.util.Map.of("ok", 2, "outage", 1),
                        "closed", 200, 900, "healthy", 800)));
        String body = Codec.write(summary.madeAt(123_456));
        assertFalse(body.contains("123456"), "the time is the envelope's, not the body's: " + body);
        String first = Codec.write(signer.sign(new Envelope("summary", "t", "box-a/main", "box-a", 1000, Signer.nonce(), body, null)));
        String again = Codec.write(signer.sign(new Envelope("summary", "t", "box-a/main", "box-a", 21_000, Signer.nonce(), body, null)));
        Inbox.Letter<Summary> a = inbox.read(first, "summary", null, Summary.class, 1000, AGE).orElseThrow();
        Inbox.Letter<Summary> b = inbox.read(again, "summary", null, Summary.class, 21_000, AGE).orElseThrow();
        assertTrue(b.isNew(), "a resealed summary is a new message");
        assertTrue(a.body() == b.body(), "the same body text is parsed once");
        assertEquals(summary, b.body());
        assertEquals(21_000, b.body().madeAt(b.envelope().ts()).at());
        String forgedAgain = Codec.write(new Signer("another-secret-entirely-0000").sign(
                new Envelope("summary", "t", "box-a/main", "box-a", 41_000, Signer.nonce(), body, null)));
        assertTrue(inbox.read(forgedAgain, "summary", null, Summary.class, 41_000, AGE).isEmpty(),
                "a known body does not spare the signature check");
    }
}
