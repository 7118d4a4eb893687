package dev.detour.bridge;

import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bridge records and counts when its only upstream fails a streamed request, before or after content: the
 * agent's answer, the request's record (upstream, status, time to first byte, attempts) and the breaker, which opens
 * after {@link CircuitBreaker#FAILURES_TO_OPEN} such failures. Each test has its own bridge and sim.
 */
class BridgeVerdictsTest {
    @TempDir
    Path dir;
    BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = BridgeFixture.onePassthroughUpstream(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private BridgeStats.RequestRecord onlyRecord() throws Exception {
        return f.stats().requests().get(0);
    }

    @Test
    void anErrorEventBeforeContentReachesTheAgentUnmodifiedAndCountsAsAFailure() throws Exception {
        f.fault("primary", "{\"mode\":\"error-event\",\"after_events\":0}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(200, a.status(), a.body());
        assertTrue(a.headers().get("Content-Type").startsWith("text/event-stream"), a.headers().toString());
        List<String> events = a.eventNames();
        assertEquals("message_start", events.get(0), a.body());
        assertEquals("error", events.get(events.size() - 1), a.body());
        assertTrue(a.body().contains("Simulated failure mid-answer"), a.body());
        assertFalse(events.contains("message_stop"), a.body());

        BridgeStats.RequestRecord r = onlyRecord();
        assertEquals("primary", r.upstream());
        assertEquals(200, r.status());
        assertNotNull(r.ttfbMs(), "the replayed stream's first byte is timed");
        assertEquals(1, r.attempts().size(), r.attempts().toString());
        assertTrue(r.attempts().get(0).startsWith("primary:200-error-"), r.attempts().toString());
        assertEquals(1, f.stats().upstreams().get("primary").failures());
        sendUntilTheBreakerOpensAfter(1, true);
    }

    private void sendUntilTheBreakerOpensAfter(int sent, boolean stream) throws Exception {
        for (int i = sent; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            assertEquals("closed", f.stats().upstreams().get("primary").breaker(), "opened after " + i + " failure(s)");
            f.send(f.messages(stream, "hi").build());
        }
        assertEquals("open", f.stats().upstreams().get("primary").breaker(), "each failure counted against the breaker");
    }

    @Test
    void aStreamCutBeforeContentIsAnOutageOfThatUpstream() throws Exception {
        f.fault("primary", "{\"mode\":\"cut\",\"after_events\":0}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(504, a.status(), a.body());
        assertTrue(a.json().path("error").path("message").asText().startsWith("detour bridge: no upstream answered (primary: "),
                a.body());
        BridgeStats.RequestRecord r = onlyRecord();
        assertEquals("primary", r.upstream());
        assertEquals(504, r.status());
        assertEquals("outage", r.failureClass());
        assertNotNull(r.ttfbMs(), "the bridge's own answer is timed too");
        assertEquals(1, r.attempts().size(), r.attempts().toString());
        assertTrue(r.attempts().get(0).startsWith("primary:200-"), r.attempts().toString());
        String message = a.json().path("error").path("message").asText();
        String reason = message.substring(message.indexOf("(primary: ") + 10, message.length() - 1);
        assertFalse(reason.equals("no content"), "the reason is the cut (here the client's EOFException): " + message);
        assertEquals("primary:200-" + reason.replaceAll("[^A-Za-z0-9]+", "-"), r.attempts().get(0));
        BridgeStats.UpstreamStats primary = f.stats().upstreams().get("primary");
        assertEquals(1, primary.failures());
        assertEquals(Map.of("outage", 1), primary.classes());
        sendUntilTheBreakerOpensAfter(1, true);
    }

    @Test
    void anErrorEventAfterContentEndsTheAnswerAndCountsAsAFailure() throws Exception {
        f.fault("primary", "{\"mode\":\"error-event\",\"after_events\":2}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(200, a.status(), a.body());
        assertTrue(a.body().contains("Answer from primary"), a.body());
        List<String> events = a.eventNames();
        assertEquals("error", events.get(events.size() - 1), a.body());
        BridgeStats.RequestRecord r = onlyRecord();
        assertEquals("primary", r.upstream());
        assertNotNull(r.failureClass(), "an answer that ended in an error is not ok");
        assertEquals(List.of("primary:200"), r.attempts());
        sendUntilTheBreakerOpensAfter(1, true);
    }

    @Test
    void aHeldBackErrorAnswerIsTimedAndRecordedAgainstItsUpstream() throws Exception {
        f.fault("primary", "{\"mode\":\"status\",\"status\":503}");
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(503, a.status(), a.body());
        BridgeStats.RequestRecord r = onlyRecord();
        assertEquals("primary", r.upstream());
        assertEquals(503, r.status());
        assertNotNull(r.ttfbMs(), "the replayed answer's first byte is timed");
    }

    @Test
    void anUpstreamWhoseNetworkSettingsCannotBeUsedIsSkippedWithItsReason() throws Exception {
        Path notACert = dir.resolve("not-a-cert.pem");
        java.nio.file.Files.writeString(notACert, "hello\n");
        f.bridge.close();
        f.bridge = null;
        f.write("[settings]\nidle_timeout_s = 30\n\n[upstreams.broken]\nfamily = \"anthropic\"\n"
                + "base_url = \"https://127.0.0.1:" + f.sims.get("primary").port() + "\"\nauth = \"passthrough\"\n"
                + "ca_file = \"" + notACert + "\"\n\n[upstreams.primary]\nfamily = \"anthropic\"\n"
                + "base_url = \"http://127.0.0.1:" + f.sims.get("primary").port() + "\"\nauth = \"passthrough\"\n\n"
                + "[sessions.main]\nport = " + f.port + "\nroute = [\"broken\", \"primary\"]\nfailover = \"same-family\"\n");
        f.start();
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(200, a.status(), a.body());
        assertTrue(a.body().contains("Answer from primary"), a.body());
        // from the log line, written just after the answer (a stats call here once ran into its 10 s read timeout on a loaded machine)
        String attempts = "attempts=[broken:network-settings, primary:200]";
        long deadline = System.nanoTime() + 20_000_000_000L;
        String log = java.nio.file.Files.readString(f.paths.logFile("main"));
        while (!log.contains(attempts) && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
            log = java.nio.file.Files.readString(f.paths.logFile("main"));
        }
        assertTrue(log.contains(attempts), log);
        String reason = f.events("failover").get(0).reason();
        assertTrue(reason.contains("not-a-cert.pem"), reason);
    }
}
