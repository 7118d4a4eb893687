package dev.detour.bridge;

import dev.detour.journal.Event;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker cycle from real traffic, and hot reload (file watch and endpoint) including a malformed config. */
class BridgeBreakerAndReloadTest {
    @TempDir
    Path dir;
    BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(dir);
        f.sim("primary");
        f.sim("fallback");
        f.config(List.of("primary", "fallback"), "same-family", 5,
                Map.of("primary", "passthrough", "fallback", "passthrough"));
        f.start();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void breakerOpensSkipsTheUpstreamThenHalfOpensAndClosesOnRecovery() throws Exception {
        f.fault("primary", "{\"mode\":\"status\",\"status\":503}");
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            assertEquals(200, f.send(f.messages(false, "hi").build()).status());
        }
        assertEquals("open", f.stats().upstreams().get("primary").breaker());
        int primaryCalls = f.simRequests("primary").path("count").asInt();
        BridgeFixture.Answer skipped = f.send(f.messages(false, "hi").build());
        assertTrue(skipped.body().contains("Answer from fallback"));
        assertEquals(primaryCalls, f.simRequests("primary").path("count").asInt(), "an open breaker is skipped");
        assertTrue(f.stats().requests().get(3).attempts().contains("primary:breaker-open"));

        f.fault("primary", "{\"mode\":\"healthy\"}");
        Thread.sleep(CircuitBreaker.FIRST_COOLDOWN.toMillis() + 200);
        BridgeFixture.Answer trial = f.send(f.messages(false, "hi").build());
        assertTrue(trial.body().contains("Answer from primary"), "the trial request goes to route[0]: " + trial.body());
        assertEquals("closed", f.stats().upstreams().get("primary").breaker());

        List<Event> breaker = f.events("breaker");
        assertEquals(List.of("open", "half-open", "closed"), breaker.stream().map(Event::to).toList());
        breaker.forEach(e -> assertEquals("primary", e.from()));
        assertTrue(breaker.get(0).reason().contains("3 failures in a row, last 503 outage"), breaker.get(0).reason());
    }

    @Test
    void aRerouteWrittenToTheFileAppliesToTheNextRequest() throws Exception {
        f.config(List.of("fallback", "primary"), "same-family", 5,
                Map.of("primary", "passthrough", "fallback", "passthrough"));
        waitFor(() -> f.stats().configVersion() == 2, "the bridge to see the new file");
        assertEquals(List.of("fallback", "primary"), f.stats().route());
        assertTrue(f.send(f.messages(false, "hi").build()).body().contains("Answer from fallback"));
    }

    @Test
    void aMalformedConfigKeepsTheLastGoodRouteAndSaysWhy() throws Exception {
        String good = Files.readString(f.configFile);
        f.write(good.replace("route = [\"primary\", \"fallback\"]", "route = [\"fallback\", \"primary\"")); // unclosed
        waitFor(() -> f.stats().configError() != null, "the config error in stats");
        BridgeStats stats = f.stats();
        assertTrue(stats.configError().contains(f.configFile.toString()), stats.configError());
        assertEquals(List.of("primary", "fallback"), stats.route());
        assertEquals(1, stats.configVersion());
        assertTrue(f.send(f.messages(false, "hi").build()).body().contains("Answer from primary"));
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> new BridgeClient(f.url("")).reload());
        assertTrue(refused.getMessage().contains("422"), refused.getMessage());
        assertTrue(Files.readString(f.paths.logFile("main")).contains("config error"));
        assertEquals(1, f.events("config_error").size());

        f.write(good.replace("route = [\"primary\", \"fallback\"]", "route = [\"fallback\", \"primary\"]"));
        waitFor(() -> f.stats().configError() == null && f.stats().configVersion() == 2, "the fixed config");
        assertTrue(f.send(f.messages(false, "hi").build()).body().contains("Answer from fallback"));
    }

    @Test
    void theReloadEndpointAppliesAChangeAtOnce() throws Exception {
        String good = Files.readString(f.configFile);
        Files.writeString(f.configFile, good.replace("failover = \"same-family\"", "failover = \"off\""));
        String answer = new BridgeClient(f.url("")).reload();
        // the answer is the config in force once the endpoint returns (the file watch may have applied it first)
        com.fasterxml.jackson.databind.JsonNode applied = BridgeFixture.JSON.readTree(answer);
        assertEquals(2, applied.path("config_version").asInt(), answer);
        assertEquals("[\"primary\",\"fallback\"]", applied.path("route").toString(), answer);
        assertFalse(applied.has("error"), "a good config has no error field: " + answer);
        assertEquals(2, f.stats().configVersion());
        assertNull(f.stats().configError());
        f.fault("primary", "{\"mode\":\"status\",\"status\":529}");
        assertEquals(529, f.send(f.messages(false, "hi").build()).status(), "failover = off: no fallback");
        assertNotNull(f.stats().upstreams().get("fallback").skipped());
    }

    /** Streams a request, reads up to its first content and goes away, connection and all. */
    private void leaveAfterTheFirstContent(String prompt) throws Exception {
        try (okhttp3.Response r = f.http.newCall(f.messages(true, prompt).build()).execute()) {
            okio.BufferedSource source = r.body().source();
            String line;
            while ((line = source.readUtf8Line()) != null && !line.startsWith("event: content_block_delta")) {
                // read up to the first content
            }
            assertNotNull(line);
            r.body().close();
        }
        f.http.connectionPool().evictAll();
    }

    @Test
    void anAgentThatGoesAwayCancelsTheUpstreamCall() throws Exception {
        f.close();
        f = new BridgeFixture(dir.resolve("paced"));
        f.sim("primary", 300);
        f.config(List.of("primary"), "same-family", 5, Map.of("primary", "passthrough"));
        f.start();
        leaveAfterTheFirstContent("hi");
        waitFor(() -> f.stats().requests().size() == 1, "the bridge to notice");
        BridgeStats.RequestRecord r = f.stats().requests().get(0);
        assertEquals(0, r.status(), "the agent went away");
        assertTrue(r.attempts().contains("primary:agent-went-away"), r.attempts().toString());
        assertEquals(0, f.stats().inFlight());
    }

    @Test
    void aTrialWhoseAgentGoesAwayLeavesTheTrialToTheNextRequest() throws Exception {
        f.close();
        f = new BridgeFixture(dir.resolve("trial"));
        f.sim("primary", 300);
        f.sim("fallback");
        f.env.put("FALLBACK_KEY", "sk-ant-" + "fallback-key-0000");
        f.config(List.of("primary", "fallback"), "same-family", 5,
                Map.of("primary", "passthrough", "fallback", "env:FALLBACK_KEY"));
        f.start();
        f.fault("primary", "{\"mode\":\"status\",\"status\":503,\"times\":" + CircuitBreaker.FAILURES_TO_OPEN + "}");
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            assertTrue(f.send(f.messages(false, "hi").build()).body().contains("Answer from fallback"));
        }
        long opened = System.nanoTime();
        assertEquals("open", f.stats().upstreams().get("primary").breaker());
        Thread.sleep(Math.max(0, (CircuitBreaker.FIRST_COOLDOWN.toNanos() - (System.nanoTime() - opened)) / 1_000_000 + 200));

        leaveAfterTheFirstContent("trial");
        waitFor(() -> f.stats().requests().size() == CircuitBreaker.FAILURES_TO_OPEN + 1, "the bridge to notice");
        List<String> trial = f.stats().requests().get(CircuitBreaker.FAILURES_TO_OPEN).attempts();
        assertTrue(trial.contains("primary:agent-went-away"), trial.toString());

        BridgeFixture.Answer next = f.send(f.messages(false, "next").build());
        assertTrue(next.body().contains("Answer from primary"), "the next request is the trial: " + next.body());
        assertEquals(List.of("primary:200"), f.stats().requests().get(CircuitBreaker.FAILURES_TO_OPEN + 1).attempts());
        assertEquals("closed", f.stats().upstreams().get("primary").breaker());
    }

    static void waitFor(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
