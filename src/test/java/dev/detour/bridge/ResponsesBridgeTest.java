package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.sim.ResponsesSim;
import dev.detour.sim.SimServer;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Responses dialect in a bridge (in this JVM, against sims): Codex's requests pass through to a Responses
 * upstream or are translated to an Anthropic one; the hold-back and failover rules hold for the passed-through
 * stream; errors reach Codex in OpenAI's shape; credentials never cross families.
 */
class ResponsesBridgeTest {
    static final String CODEX_KEY = "sk-" + "codex-own-key-2222";
    @TempDir
    Path dir;
    BridgeFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new BridgeFixture(dir);
        SimServer rsp = SimServer.start(new ResponsesSim("rsp"), 0);
        fixture.sims.put("rsp", rsp);
        fixture.sim("anth");
        fixture.env.put("ANTH_KEY", "sk-ant-bridge-key-3333");
        fixture.write("""
                [upstreams.rsp]
                family = "openai"
                api = "responses"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "passthrough"

                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "env:ANTH_KEY"
                models = { default = "claude-sonnet-4-5" }

                [upstreams.anth-own]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"

                [sessions.main]
                port = %d
                route = ["rsp", "anth-own", "anth"]
                failover = "any"
                """.formatted(rsp.port(), fixture.sims.get("anth").port(), fixture.sims.get("anth").port(), fixture.port));
        fixture.start();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    Request codex(boolean stream, String prompt) {
        String body = "{\"model\":\"gpt-5-codex\",\"stream\":" + stream + ",\"store\":false,\"input\":["
                + "{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"be brief\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + prompt + "\"}]}]}";
        return new Request.Builder().url(fixture.url("/v1/responses")).header("Authorization", "Bearer " + CODEX_KEY)
                .header("session-id", "codex-conversation-1").header("accept", "text/event-stream")
                .post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build();
    }

    static List<String> types(String sse) {
        List<String> types = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("event: ")) {
                types.add(line.substring(7));
            }
        }
        return types;
    }

    @Test
    void aPassedThroughStreamArrivesUnchangedWithCodexOwnKey() throws Exception {
        BridgeFixture.Answer answer = fixture.send(codex(true, "hello"));
        assertEquals(200, answer.status());
        List<String> types = types(answer.body());
        assertEquals("response.created", types.get(0));
        assertEquals("response.completed", types.get(types.size() - 1));
        assertTrue(answer.body().contains("\"sequence_number\":0") && answer.body().contains("Answer from rsp"), answer.body());
        JsonNode seen = fixture.simRequests("rsp").path("requests").get(0);
        assertEquals(dev.detour.sim.SimServer.fingerprint("Bearer " + CODEX_KEY),
                seen.path("headers").path("authorization").get(0).asText(), "the passthrough upstream got Codex's key");
        assertEquals("gpt-5-codex", seen.path("model").asText());
        assertTrue(fixture.stats().requests().get(0).claudeSession().equals("codex-conversation-1"));
    }

    @Test
    void aPassedThroughStreamCutBeforeContentFailsOverAndCodexKeyNeverGoesToAnthropic() throws Exception {
        fixture.fault("rsp", "{\"mode\":\"cut\",\"after_events\":0}");
        BridgeFixture.Answer answer = fixture.send(codex(true, "hello"));
        assertEquals(200, answer.status());
        List<String> types = types(answer.body());
        assertEquals("response.created", types.get(0));
        assertEquals(1, types.stream().filter("response.created"::equals).count(), "one response, no leftovers of the cut one");
        assertEquals("response.completed", types.get(types.size() - 1));
        assertTrue(answer.body().contains("Answer from anth"), answer.body());
        String attempts = fixture.stats().requests().get(0).attempts().toString();
        assertTrue(attempts.contains("anth-own:unsupported") && attempts.contains("anth:200"), attempts);
        JsonNode seen = fixture.simRequests("anth").path("requests");
        assertEquals(1, seen.size());
        assertEquals(dev.detour.sim.SimServer.fingerprint("sk-ant-bridge-key-3333"),
                seen.get(0).path("headers").path("x-api-key").get(0).asText());
        assertFalse(seen.get(0).path("headers").has("authorization"), "Codex's key stays away from Anthropic: " + seen);
        assertEquals("claude-sonnet-4-5", seen.get(0).path("model").asText(), "mapped through models.default");
    }

    @Test
    void aPassedThroughStreamCutAfterContentEndsWithResponseFailedNeverCompleted() throws Exception {
        fixture.fault("rsp", "{\"mode\":\"cut\",\"after_events\":2}");
        BridgeFixture.Answer answer = fixture.send(codex(true, "a long answer please"));
        List<String> types = types(answer.body());
        assertTrue(types.contains("response.output_text.delta"), answer.body());
        assertEquals("response.failed", types.get(types.size() - 1), answer.body());
        assertFalse(types.contains("response.completed"));
        assertTrue(answer.body().contains("\"id\":\"resp_sim"), "the failure names the passed-through response: " + answer.body());
        assertEquals(0, fixture.simRequests("anth").path("count").asInt(), "no failover after content");
    }

    @Test
    void errorsReachCodexInOpenAiShapeAndAWholeReplyIsAResponseObject() throws Exception {
        fixture.fault("rsp", "{\"mode\":\"status\",\"status\":429,\"retry_after_s\":7}");
        fixture.fault("anth", "{\"mode\":\"status\",\"status\":529}");
        BridgeFixture.Answer busy = fixture.send(codex(true, "hello"));
        assertEquals(529, busy.status(), busy.body());
        assertEquals("server_error", busy.json().path("error").path("code").asText(), busy.body());

        fixture.fault("anth", "{\"mode\":\"healthy\"}");
        BridgeFixture.Answer whole = fixture.send(codex(false, "hello whole"));
        assertEquals(200, whole.status(), whole.body());
        JsonNode response = whole.json();
        assertEquals("response", response.path("object").asText());
        assertEquals("completed", response.path("status").asText());
        assertEquals("gpt-5-codex", response.path("model").asText());
        assertTrue(response.path("output").get(0).path("content").get(0).path("text").asText().contains("Answer from anth"));
    }
}
