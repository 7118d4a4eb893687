package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Codex's Responses request as the canonical Messages request the bridge routes. */
class ResponsesAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AgentRequest codex(String method, Headers headers, String body) throws Exception {
        return new AgentRequest(method, ResponsesAgent.PATH, null, headers, body.getBytes(StandardCharsets.UTF_8),
                body.isEmpty() ? null : JSON.readTree(body));
    }

    @Test
    void theCanonicalRequestKeepsOnlyTheCredentialAndTheConversationAndPointsBackToTheOriginal() throws Exception {
        Headers headers = Headers.of("Authorization", "Bearer sk-openai", "session-id", "conv-7", "originator", "codex_exec",
                "OpenAI-Beta", "responses=experimental", "Content-Type", "application/json");
        AgentRequest received = codex("POST", headers, "{\"model\":\"gpt-5-codex\",\"stream\":true,\"instructions\":\"be brief\","
                + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}");

        AgentRequest canonical = new ResponsesAgent().canonical(received);

        assertEquals("POST", canonical.method());
        assertEquals("/v1/messages", canonical.path());
        assertSame(received, canonical.origin());
        assertEquals(4, canonical.headers().size(), canonical.headers().toString());
        assertEquals("application/json", canonical.headers().get("content-type"));
        assertEquals("2023-06-01", canonical.headers().get("anthropic-version"));
        assertEquals("Bearer sk-openai", canonical.headers().get("authorization"));
        assertEquals("conv-7", canonical.headers().get("session-id"));
        assertEquals("conv-7", canonical.claudeSession());
        JsonNode body = JSON.readTree(canonical.body());
        assertEquals(body, canonical.json());
        assertEquals("gpt-5-codex", canonical.model(), "the model stays Codex's; each upstream maps it");
        assertTrue(canonical.stream());
        assertEquals("be brief", body.path("system").asText());
        assertEquals("hi", body.path("messages").path(0).path("content").path(0).path("text").asText(body.toString()));
    }

    @Test
    void withoutCredentialOrConversationOnlyTheFixedHeadersAreSet() throws Exception {
        AgentRequest canonical = new ResponsesAgent().canonical(codex("POST", Headers.of("x-other", "1"),
                "{\"model\":\"gpt-5\",\"input\":\"hello\"}"));
        assertEquals(2, canonical.headers().size(), canonical.headers().toString());
    }

    @Test
    void onlyPostIsServed() throws Exception {
        UpstreamProtocol.UnsupportedRequest get = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> new ResponsesAgent().canonical(codex("GET", Headers.of(), "")));
        assertEquals("GET /v1/responses is not served; Codex POSTs", get.getMessage());
    }

    @Test
    void anUnreadableRequestIsRefusedWithTheReason() throws Exception {
        UpstreamProtocol.UnsupportedRequest refused = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> new ResponsesAgent().canonical(codex("POST", Headers.of(), "[]")));
        assertTrue(refused.getMessage().startsWith("cannot read the Responses request: "), refused.getMessage());
    }
}
