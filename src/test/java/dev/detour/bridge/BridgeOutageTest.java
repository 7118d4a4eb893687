package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.detour.journal.Event;
import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the bridge does during an outage that is not a clean error status: a refused connection, a stream cut
 * mid-answer, a bare 529, and every upstream failing. Each test has its own bridge, sims and state.
 */
class BridgeOutageTest {
    @TempDir
    Path dir;
    BridgeFixture f;
    HttpServer bare;

    @BeforeEach
    void fixture() throws Exception {
        f = new BridgeFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (bare != null) {
            bare.stop(0);
        }
        f.close();
    }

    private static Map<String, String> passthrough(String... names) {
        Map<String, String> auth = new LinkedHashMap<>();
        for (String name : names) {
            auth.put(name, "passthrough");
        }
        return auth;
    }

    @Test
    void aRefusedConnectionCountsAgainstTheBreaker() throws Exception {
        f.sim("fallback");
        f.config(List.of("dead", "fallback"), "same-family", 5, passthrough("dead", "fallback"));
        f.start();
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
            assertEquals(200, a.status(), a.body());
            assertTrue(a.json().path("content").get(0).path("text").asText().startsWith("Answer from fallback"), a.body());
        }
        BridgeStats stats = f.stats();
        assertEquals("open", stats.upstreams().get("dead").breaker());
        assertEquals(List.of("dead:connection refused", "fallback:200"), stats.requests().get(0).attempts());

        f.send(f.messages(false, "hi").build());
        assertEquals(List.of("dead:breaker-open", "fallback:200"), f.stats().requests().get(3).attempts(),
                "an open breaker keeps requests off the refusing upstream");
        List<Event> breaker = f.events("breaker");
        assertEquals("dead", breaker.get(0).from());
        assertEquals("open", breaker.get(0).to());
        assertTrue(breaker.get(0).reason().contains("connection refused"), breaker.get(0).reason());
    }

    @Test
    void aStreamCutMidAnswerEndsWithAnErrorEventAndCountsAgainstTheBreaker() throws Exception {
        f.sim("primary");
        f.sim("fallback");
        f.config(List.of("primary", "fallback"), "same-family", 5, passthrough("primary", "fallback"));
        f.start();
        f.fault("primary", "{\"mode\":\"cut\",\"after_events\":1}");
        for (int i = 0; i < CircuitBreaker.FAILURES_TO_OPEN; i++) {
            BridgeFixture.Answer a = f.send(f.messages(true, "count to 30").build());
            assertEquals(200, a.status());
            List<String> names = a.eventNames();
            assertEquals("error", names.get(names.size() - 1), a.body());
            assertFalse(names.contains("message_stop"), "never a made-up end: " + a.body());
            assertTrue(a.body().contains("overloaded_error") && a.body().contains("failed mid-answer"), a.body());
            assertTrue(a.streamedText().startsWith("Answer from primary"), "content had started: " + a.body());
        }
        assertEquals(List.of("primary:200-cut"), f.stats().requests().get(0).attempts());
        assertEquals("open", f.stats().upstreams().get("primary").breaker());
        assertTrue(f.events("breaker").get(0).reason().contains("stream cut"), f.events("breaker").get(0).reason());

        BridgeFixture.Answer after = f.send(f.messages(true, "hi").build());
        assertTrue(after.streamedText().startsWith("Answer from fallback"), after.body());
    }

    @Test
    void aBare529WithoutAnOverloadedBodyIsOverloadedNotRateLimited() throws Exception {
        bare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bare.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "upstream busy".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(529, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bare.start();
        f.otherUpstreams.put("busy", bare.getAddress().getPort());
        f.config(List.of("busy"), "same-family", 5, passthrough("busy"));
        f.start();
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(529, a.status(), "the upstream's own answer when nothing else is left");
        assertEquals("upstream busy", a.body());
        BridgeStats stats = f.stats();
        assertEquals("overloaded", stats.requests().get(0).failureClass());
        assertEquals(Map.of("overloaded", 1), stats.upstreams().get("busy").classes());
    }

    @Test
    void everyUpstreamRefusingGetsTheBridgesOwn502NamingTheLastOne() throws Exception {
        f.config(List.of("first", "second"), "same-family", 5, passthrough("first", "second"));
        f.start();
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(502, a.status(), a.body());
        JsonNode json = a.json();
        assertEquals("error", json.path("type").asText());
        assertEquals("api_error", json.path("error").path("type").asText());
        assertEquals("detour bridge: no upstream answered (second: connection refused)",
                json.path("error").path("message").asText());
        assertEquals("application/json", a.headers().get("content-type"));
        BridgeStats.RequestRecord r = f.stats().requests().get(0);
        assertEquals(502, r.status());
        assertEquals("unreachable", r.failureClass());
        assertEquals(List.of("first:connection refused", "second:connection refused"), r.attempts());
    }

    @Test
    void aLastUpstreamThatResetsTheConnectionGetsA504() throws Exception {
        f.sim("resetting");
        f.config(List.of("dead", "resetting"), "same-family", 5, passthrough("dead", "resetting"));
        f.start();
        f.fault("resetting", "{\"mode\":\"reset\"}");
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(504, a.status(), a.body());
        String message = a.json().path("error").path("message").asText();
        assertTrue(message.startsWith("detour bridge: no upstream answered (resetting: "), message);
        assertEquals("api_error", a.json().path("error").path("type").asText());
        assertEquals("outage", f.stats().requests().get(0).failureClass());
    }

    @Test
    void noUsableUpstreamAtAllSaysWhyInA502() throws Exception {
        f.sim("keyed");
        f.config(List.of("keyed"), "same-family", 5, Map.of("keyed", "env:DETOUR_TEST_UNSET_KEY"));
        f.start();
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(502, a.status(), a.body());
        String message = a.json().path("error").path("message").asText();
        assertTrue(message.startsWith("detour bridge: no upstream answered (no usable upstream in the route [keyed]"), message);
        assertTrue(message.contains("DETOUR_TEST_UNSET_KEY"), message);
        assertEquals(0, f.simRequests("keyed").path("count").asInt());
    }
}
