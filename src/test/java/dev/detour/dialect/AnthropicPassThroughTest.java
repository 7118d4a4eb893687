package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import okhttp3.Headers;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnthropicPassThroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Headers AGENT_HEADERS = Headers.of("x-api-key", "sk-ant-agent", "Authorization", "Bearer agent-oauth",
            "anthropic-version", "2023-06-01", "Content-Type", "application/json; charset=utf-8", "Connection", "keep-alive");
    private final AnthropicPassThrough protocol = new AnthropicPassThrough();

    private static Upstream upstream(Map<String, String> models) {
        return new Upstream("gw", Family.ANTHROPIC, "https://gateway.example.com/anthropic", "env:GW_KEY", null, null, models);
    }

    private static AgentRequest messages(String body, AgentRequest origin) throws Exception {
        JsonNode json = JSON.readTree(body);
        return new AgentRequest("POST", "/v1/messages", "beta=true", AGENT_HEADERS, body.getBytes(StandardCharsets.UTF_8),
                json, origin);
    }

    private static String body(Request request) throws Exception {
        Buffer buffer = new Buffer();
        request.body().writeTo(buffer);
        return buffer.readUtf8();
    }

    @Test
    void theAgentsRequestGoesUpstreamAsSentWithTheUpstreamsKeyInsteadOfTheAgents() throws Exception {
        String sent = "{\"model\":\"claude-sonnet-4-5\",  \"stream\":true,\"messages\":[]}";
        UpstreamCall call = protocol.call(messages(sent, null), upstream(Map.of("sonnet", "other")), new Credential.Key("sk-upstream"));

        Request request = call.request();
        assertEquals("https://gateway.example.com/anthropic/v1/messages?beta=true", request.url().toString());
        assertEquals("POST", request.method());
        assertEquals(sent, body(request), "the body's bytes, not a re-serialised tree, and no model mapping for Claude Code");
        assertNull(request.body().contentType(), "the agent's Content-Type goes as a header, unparsed");
        assertEquals("application/json; charset=utf-8", request.header("Content-Type"));
        assertEquals("sk-upstream", request.header("x-api-key"));
        assertNull(request.header("Authorization"), "the agent's own credential never goes to a keyed upstream");
        assertNull(request.header("Connection"));
        assertEquals("2023-06-01", request.header("anthropic-version"));
        assertNull(call.mappedModel());
    }

    @Test
    void passthroughSendsTheAgentsOwnKeyAndAuthorizationWhereItHasThem() throws Exception {
        AgentRequest agent = messages("{\"model\":\"m\"}", null);

        Request both = protocol.call(agent, upstream(Map.of()), new Credential.AgentOwn("sk-own", "Bearer own")).request();
        assertEquals("sk-own", both.header("x-api-key"));
        assertEquals("Bearer own", both.header("Authorization"));

        Request keyOnly = protocol.call(agent, upstream(Map.of()), new Credential.AgentOwn("sk-own", null)).request();
        assertEquals("sk-own", keyOnly.header("x-api-key"));
        assertNull(keyOnly.header("Authorization"));

        Request oauthOnly = protocol.call(agent, upstream(Map.of()), new Credential.AgentOwn(null, "Bearer own")).request();
        assertNull(oauthOnly.header("x-api-key"));
        assertEquals("Bearer own", oauthOnly.header("Authorization"));
    }

    @Test
    void getAndHeadGoWithoutABody() throws Exception {
        for (String method : new String[]{"GET", "HEAD"}) {
            AgentRequest models = new AgentRequest(method, "/v1/models", null, AGENT_HEADERS, new byte[0], (JsonNode) null);
            Request request = protocol.call(models, upstream(Map.of()), new Credential.Key("k")).request();
            assertEquals(method, request.method());
            assertNull(request.body());
            assertEquals("https://gateway.example.com/anthropic/v1/models", request.url().toString());
        }
    }

    @Test
    void aRequestTranslatedFromCodexHasItsModelMappedAndItsBodyRewritten() throws Exception {
        AgentRequest codex = new AgentRequest("POST", "/v1/responses", null, Headers.of(), new byte[0], (JsonNode) null);
        AgentRequest canonical = messages("{\"model\":\"gpt-5-codex\",\"max_tokens\":5}", codex);

        UpstreamCall call = protocol.call(canonical, upstream(Map.of("default", "claude-opus-4-1")), new Credential.Key("k"));

        assertEquals("claude-opus-4-1", call.mappedModel());
        JsonNode sent = JSON.readTree(body(call.request()));
        assertEquals("claude-opus-4-1", sent.path("model").asText());
        assertEquals(5, sent.path("max_tokens").asInt());
        assertEquals("gpt-5-codex", canonical.model(), "the agent's own request is not changed");
    }

    @Test
    void aTranslatedRequestWhoseModelNeedsNoMappingGoesAsItIs() throws Exception {
        AgentRequest codex = new AgentRequest("POST", "/v1/responses", null, Headers.of(), new byte[0], (JsonNode) null);
        String sent = "{\"model\":\"claude-opus-4-1\", \"max_tokens\":5}";

        UpstreamCall call = protocol.call(messages(sent, codex), upstream(Map.of()), new Credential.Key("k"));

        assertNull(call.mappedModel());
        assertEquals(sent, body(call.request()));
    }

    @Test
    void aTranslatedRequestNeverCarriesTheOtherFamilysCredential() throws Exception {
        AgentRequest codex = new AgentRequest("POST", "/v1/responses", null, Headers.of(), new byte[0], (JsonNode) null);
        UpstreamProtocol.UnsupportedRequest refused = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> protocol.call(messages("{\"model\":\"gpt-5\"}", codex), upstream(Map.of()),
                        new Credential.AgentOwn(null, "Bearer sk-openai")));
        assertTrue(refused.getMessage().contains("env:VAR"), refused.getMessage());
    }
}
