package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.journal.Event;
import dev.detour.wire.BridgeClient;
import dev.detour.sim.SimServer;
import dev.detour.wire.BridgeStats;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bridge against two sims, in this JVM over real loopback sockets: forwarding, failover, credentials, errors. */
class BridgeForwardingTest {
    static final String FALLBACK_KEY = "sk-ant-" + "fallback-env-key-2222"; // split: not a real key, keep secret scanners quiet

    @TempDir
    Path dir;
    BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(dir);
        f.sim("primary");
        f.sim("fallback");
        f.env.put("FALLBACK_KEY", FALLBACK_KEY);
        f.config(List.of("primary", "fallback"), "same-family", 1,
                Map.of("primary", "passthrough", "fallback", "env:FALLBACK_KEY"));
        f.start();
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void theTokenGuardsEveryPath() throws Exception {
        for (String url : List.of(f.url("/v1/models").replace(f.token, "wrong"),
                f.url("/v1/models").replace(f.token, f.token.substring(1) + "x"),
                f.url("/v1/models").replace(f.token, sameLengthLastCharacterDiffers(f.token)),
                "http://127.0.0.1:" + f.port + "/v1/models",
                f.url("/_detour/stats").replace(f.token, ""))) {
            BridgeFixture.Answer a = f.send(new Request.Builder().url(url).build());
            assertEquals(401, a.status(), url);
            assertEquals("error", a.json().path("type").asText());
            assertEquals("authentication_error", a.json().path("error").path("type").asText());
        }
        assertEquals(0, f.simRequests("primary").path("count").asInt());
    }

    private static String sameLengthLastCharacterDiffers(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    @Test
    void streamsThroughUnchangedAndShowsInStats() throws Exception {
        BridgeFixture.Answer a = f.send(f.messages(true, "hello").build());
        assertEquals(200, a.status());
        assertTrue(a.headers().get("content-type").startsWith("text/event-stream"));
        assertTrue(a.body().startsWith("event: message_start"), a.body());
        assertTrue(a.streamedText().startsWith("Answer from primary:"), a.body());
        assertTrue(a.body().trim().endsWith("data: {\"type\":\"message_stop\"}"), a.body());
        JsonNode seen = f.simRequests("primary").path("requests").get(0);
        assertEquals("beta=true", seen.path("query").asText());
        assertEquals("claude-code-20250219,x-test", seen.path("headers").path("anthropic-beta").get(0).asText());
        assertEquals("2023-06-01", seen.path("headers").path("anthropic-version").get(0).asText());

        BridgeStats stats = f.stats();
        assertEquals("main", stats.session());
        assertEquals(List.of("primary", "fallback"), stats.route());
        assertEquals("primary", stats.serving());
        BridgeStats.RequestRecord r = stats.requests().get(stats.requests().size() - 1);
        assertEquals("primary", r.upstream());
        assertEquals(200, r.status());
        assertEquals("cc-session-1", r.claudeSession());
        assertEquals("claude-sonnet-4-5", r.model());
        assertTrue(r.ttfbMs() != null && r.durationMs() >= r.ttfbMs());
        assertEquals(List.of("cc-session-1"), stats.claudeSessions());
        assertEquals("closed", stats.upstreams().get("primary").breaker());
        assertEquals(1, stats.upstreams().get("primary").requests());
    }

    @Test
    void anAgentCredentialNeverReachesAnEnvUpstream() throws Exception {
        f.fault("primary", "{\"mode\":\"status\",\"status\":529}");
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").header("Authorization", "Bearer agent-bearer-3333").build());
        assertEquals(200, a.status(), a.body());
        assertTrue(a.json().path("content").get(0).path("text").asText().startsWith("Answer from fallback"));
        JsonNode primary = f.simRequests("primary").path("requests").get(0).path("headers");
        assertEquals(SimServer.fingerprint(BridgeFixture.AGENT_KEY), primary.path("x-api-key").get(0).asText());
        assertEquals(SimServer.fingerprint("Bearer agent-bearer-3333"), primary.path("authorization").get(0).asText());
        JsonNode fallback = f.simRequests("fallback").path("requests").get(0).path("headers");
        assertEquals(List.of(SimServer.fingerprint(FALLBACK_KEY)), List.of(fallback.path("x-api-key").get(0).asText()));
        assertEquals(1, fallback.path("x-api-key").size());
        assertTrue(fallback.path("authorization").isMissingNode(), fallback.toString());
        String log = Files.readString(f.paths.logFile("main"));
        for (String secret : List.of(BridgeFixture.AGENT_KEY, FALLBACK_KEY, "agent-bearer-3333", f.token)) {
            assertFalse(log.contains(secret), "the log leaks a credential: " + log);
        }
        Event failover = f.events("failover").get(0);
        assertEquals("primary", failover.from());
        assertEquals("fallback", failover.to());
        assertEquals("529 overloaded", failover.reason());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 413})
    void clientErrorsPassThroughWithoutFailover(int status) throws Exception {
        f.fault("primary", "{\"mode\":\"status\",\"status\":" + status + "}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(status, a.status());
        assertEquals("error", a.json().path("type").asText());
        assertEquals(0, f.simRequests("fallback").path("count").asInt());
        assertTrue(f.events("failover").isEmpty());
    }

    @Test
    void whenNothingIsLeftTheLastErrorComesBackUnmodifiedWithRetryAfter() throws Exception {
        f.fault("primary", "{\"mode\":\"status\",\"status\":503}");
        f.fault("fallback", "{\"mode\":\"status\",\"status\":429,\"retry_after_s\":7}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(429, a.status());
        assertEquals("7", a.headers().get("retry-after"));
        assertEquals("rate_limit_error", a.json().path("error").path("type").asText());
        assertTrue(a.json().path("request_id").asText().startsWith("req_sim_"), "the upstream's own body");
        BridgeStats.RequestRecord r = f.stats().requests().get(0);
        assertEquals(List.of("primary:503", "fallback:429"), r.attempts());
        assertEquals("rate-limited", r.failureClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"mode\":\"status\",\"status\":500}", "{\"mode\":\"status\",\"status\":503}",
            "{\"mode\":\"status\",\"status\":529}", "{\"mode\":\"status\",\"status\":401}",
            "{\"mode\":\"status\",\"status\":429,\"retry_after_s\":30}",
            "{\"mode\":\"reset\"}", "{\"mode\":\"no-answer\"}", "{\"mode\":\"stall\",\"after_events\":0}",
            "{\"mode\":\"cut\",\"after_events\":0}"})
    void failuresBeforeContentMoveTheStreamToTheFallback(String fault) throws Exception {
        f.fault("primary", fault);
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(200, a.status());
        assertTrue(a.body().contains("Answer from fallback"), a.body());
        assertTrue(a.body().trim().endsWith("data: {\"type\":\"message_stop\"}"));
        assertFalse(a.body().contains("Answer from primary"), "nothing of the failed upstream reached the agent");
        assertEquals(1, f.events("failover").size());
    }

    @Test
    void aSlowFirstTokenIsWaitedForNotFailedOver() throws Exception {
        // an idle limit far above the delay: the test is about waiting, not about the limit (a loaded 2-core
        // machine can add a second to the silence the bridge sees)
        f.config(List.of("primary", "fallback"), "same-family", 30,
                Map.of("primary", "passthrough", "fallback", "env:FALLBACK_KEY"));
        new BridgeClient(f.url("")).reload();
        f.fault("primary", "{\"mode\":\"slow-first-token\",\"delay_ms\":1500}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertTrue(a.streamedText().startsWith("Answer from primary:"), a.body());
        assertTrue(a.body().trim().endsWith("data: {\"type\":\"message_stop\"}"), a.body());
        assertEquals(List.of("primary:200"), f.stats().requests().get(0).attempts());
        assertEquals(0, f.simRequests("fallback").path("count").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cut", "stall"})
    void aFailureAfterContentEndsTheStreamWithAnErrorNeverAMessageStop(String mode) throws Exception {
        f.fault("primary", "{\"mode\":\"" + mode + "\",\"after_events\":2}");
        BridgeFixture.Answer a = f.send(f.messages(true, "hi").build());
        assertEquals(200, a.status());
        assertTrue(a.body().contains("Answer from primary"), a.body());
        assertFalse(a.body().contains("message_stop"), a.body());
        assertFalse(a.body().contains("END-OF-ANSWER"), a.body());
        assertTrue(a.body().trim().endsWith("}"));
        String lastEvent = a.body().trim().substring(a.body().trim().lastIndexOf("event: "));
        assertTrue(lastEvent.startsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\""), lastEvent);
        assertEquals(0, f.simRequests("fallback").path("count").asInt());
        assertEquals("outage", f.stats().requests().get(0).failureClass());
    }

    @Test
    void gzipWorksBothWays() throws Exception {
        byte[] plain = ("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"zipped\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        Request request = new Request.Builder().url(f.url("/v1/messages")).header("Content-Encoding", "gzip")
                .header("Accept-Encoding", "gzip").post(RequestBody.create(zipped.toByteArray(), BridgeFixture.JSON_TYPE)).build();
        BridgeFixture.Answer a = f.send(request);
        assertEquals(200, a.status(), a.body());
        assertNull(a.headers().get("content-encoding"), "the agent gets the body decoded");
        assertTrue(a.json().path("content").get(0).path("text").asText().contains("zipped"));
        JsonNode seen = f.simRequests("primary").path("requests").get(0).path("headers");
        assertEquals("gzip", seen.path("content-encoding").get(0).asText());
        assertEquals("gzip", seen.path("accept-encoding").get(0).asText());
        assertEquals("claude-sonnet-4-5", f.send(f.messages(false, "x").build()).json().path("model").asText());
    }

    @Test
    void bodiesOver32MiBAre413() throws Exception {
        byte[] big = new byte[BridgeServer.MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        BridgeFixture.Answer a = f.send(new Request.Builder().url(f.url("/v1/messages"))
                .post(RequestBody.create(big, BridgeFixture.JSON_TYPE)).build());
        assertEquals(413, a.status());
        assertEquals("request_too_large", a.json().path("error").path("type").asText());
        assertEquals(0, f.simRequests("primary").path("count").asInt());
    }

    @Test
    void anUnsetKeyVariableSkipsTheUpstreamWithAReason() throws Exception {
        f.env.remove("FALLBACK_KEY");
        f.fault("primary", "{\"mode\":\"status\",\"status\":529}");
        BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
        assertEquals(529, a.status());
        assertEquals(0, f.simRequests("fallback").path("count").asInt());
        assertTrue(f.stats().upstreams().get("fallback").skipped().contains("FALLBACK_KEY is unset"));
    }
}
