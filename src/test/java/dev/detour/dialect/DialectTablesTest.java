package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tables a bridge looks dialects up in, and the errors it answers in the agent's own format. */
class DialectTablesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachAgentPathGoesToTheFirstDialectThatServesIt() {
        AgentDialects dialects = AgentDialects.standard();
        assertEquals(BedrockAgent.class, dialects.forRequest("POST", "/model/anthropic.claude-v2/invoke").orElseThrow().getClass());
        assertEquals(VertexAgent.class, dialects.forRequest("POST",
                "/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude:rawPredict").orElseThrow().getClass());
        assertEquals(ResponsesAgent.class, dialects.forRequest("POST", "/v1/responses").orElseThrow().getClass());
        assertEquals(AnthropicMessagesAgent.class, dialects.forRequest("POST", "/v1/messages").orElseThrow().getClass());
        assertEquals(AnthropicMessagesAgent.class, dialects.forRequest("GET", "/v1/models").orElseThrow().getClass());
        assertEquals(Optional.empty(), dialects.forRequest("GET", "/healthz"));
    }

    @Test
    void eachUpstreamGetsTheProtocolOfItsFamilyAndDialect() {
        UpstreamProtocols protocols = UpstreamProtocols.standard(name -> null);
        assertEquals(AnthropicPassThrough.class, protocols.forUpstream(upstream(Family.ANTHROPIC, null)).orElseThrow().getClass());
        assertEquals(BedrockProtocol.class, protocols.forUpstream(upstream(Family.ANTHROPIC, "bedrock")).orElseThrow().getClass());
        assertEquals(VertexProtocol.class, protocols.forUpstream(upstream(Family.ANTHROPIC, "vertex")).orElseThrow().getClass());
        assertEquals(OpenAiChatCompletions.class, protocols.forUpstream(upstream(Family.OPENAI, null)).orElseThrow().getClass());
        assertEquals(OpenAiResponses.class, protocols.forUpstream(upstream(Family.OPENAI, "responses")).orElseThrow().getClass());
        assertEquals(Optional.empty(), new UpstreamProtocols(List.of(new AnthropicPassThrough()))
                .forUpstream(upstream(Family.OPENAI, null)), "a dialect without a protocol is skipped, not guessed");
    }

    @Test
    void theStandardProtocolsAreMadeOnceAndKept() {
        UpstreamProtocols protocols = UpstreamProtocols.standard(name -> null);
        UpstreamProtocol first = protocols.forUpstream(upstream(Family.ANTHROPIC, "bedrock")).orElseThrow();
        protocols.forUpstream(upstream(Family.OPENAI, null));
        assertSame(first, protocols.forUpstream(upstream(Family.ANTHROPIC, "bedrock")).orElseThrow(),
                "the protocols (and their credential chains and caches) are not made again per request");
    }

    @Test
    void twoProtocolsForOneDialectAreRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new UpstreamProtocols(List.of(new AnthropicPassThrough(), new AnthropicPassThrough())));
        assertEquals("two protocols for anthropic/messages", twice.getMessage());
    }

    @Test
    void theBridgesOwnErrorsAreInTheAnthropicErrorShapeWithAFreshRequestId() throws Exception {
        JsonNode first = JSON.readTree(AgentErrors.body("overloaded_error", "every upstream failed"));
        JsonNode second = JSON.readTree(AgentErrors.body("overloaded_error", "every upstream failed"));
        assertEquals("error", first.path("type").asText());
        assertEquals("overloaded_error", first.path("error").path("type").asText());
        assertEquals("every upstream failed", first.path("error").path("message").asText());
        String id = first.path("request_id").asText();
        assertTrue(id.matches("req_detour_[0-9a-f]{32}"), id);
        assertNotEquals(id, second.path("request_id").asText());

        SseEvent event = AgentErrors.streamError("api_error", "cut \"mid\" stream");
        assertEquals("error", event.name());
        JsonNode data = JSON.readTree(event.data());
        assertEquals("error", data.path("type").asText());
        assertEquals("api_error", data.path("error").path("type").asText());
        assertEquals("cut \"mid\" stream", data.path("error").path("message").asText());
    }

    private static Upstream upstream(Family family, String api) {
        return new Upstream("u", family, "https://example.com", "env:K", null, null, Map.of(), api, null);
    }
}
