package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claude Code's Bedrock- and Vertex-shaped requests, turned into the canonical Messages request. */
class CloudShapedRequestsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEDROCK_BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"anthropic_beta\":"
            + "[\"tools-2024\",\"caching\"],\"max_tokens\":9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static AgentRequest shaped(String method, String path, Headers headers, String body) throws Exception {
        return new AgentRequest(method, path, null, headers, body.getBytes(StandardCharsets.UTF_8),
                body.isEmpty() ? null : JSON.readTree(body));
    }

    @Test
    void bedrockInvokeBecomesAMessagesRequestForTheModelInThePath() throws Exception {
        Headers sigV4 = Headers.of("authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/bedrock/aws4_request", "x-amz-security-token", "tok",
                "x-amz-date", "20261130T000000Z", "content-encoding", "gzip", "content-length", "99", "user-agent", "claude-cli");
        AgentRequest canonical = new BedrockAgent().canonical(shaped("POST",
                "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream", sigV4, BEDROCK_BODY));

        assertEquals("POST", canonical.method());
        assertEquals("/v1/messages", canonical.path());
        JsonNode body = JSON.readTree(canonical.body());
        assertEquals(body, canonical.json(), "the bytes and the parse say the same");
        assertEquals("claude-sonnet-4-5-20250929", body.path("model").asText());
        assertTrue(body.path("stream").asBoolean(), "invoke-with-response-stream asks for a stream");
        assertTrue(canonical.stream());
        assertFalse(body.has("anthropic_version"));
        assertFalse(body.has("anthropic_beta"));
        assertEquals(9, body.path("max_tokens").asInt());
        Headers headers = canonical.headers();
        assertEquals("tools-2024,caching", headers.get("anthropic-beta"));
        assertEquals("2023-06-01", headers.get("anthropic-version"));
        assertEquals("application/json", headers.get("content-type"));
        assertNull(headers.get("authorization"), "a SigV4 signature is for the agent's Bedrock request only");
        assertNull(headers.get("x-amz-security-token"));
        assertNull(headers.get("x-amz-date"));
        assertNull(headers.get("content-encoding"), "the canonical body is plain JSON");
        assertNull(headers.get("content-length"));
        assertEquals("claude-cli", headers.get("user-agent"));
    }

    @Test
    void bedrockInvokeWithoutStreamKeepsABearerKeyAndTheAgentsVersion() throws Exception {
        Headers bearer = Headers.of("authorization", "Bearer bedrock-api-key", "anthropic-version", "2023-01-01");
        String body = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":9,\"messages\":[]}";
        AgentRequest canonical = new BedrockAgent().canonical(shaped("POST", "/model/anthropic.claude-3-haiku-20240307-v1:0/invoke", bearer, body));

        assertFalse(canonical.stream());
        assertFalse(JSON.readTree(canonical.body()).has("stream"));
        assertEquals("Bearer bedrock-api-key", canonical.headers().get("authorization"));
        assertEquals("2023-01-01", canonical.headers().get("anthropic-version"));
        assertNull(canonical.headers().get("anthropic-beta"), "no flags, no header");
    }

    @Test
    void otherBedrockPathsAndMethodsAreRefusedWithWhatIsServed() {
        for (String[] request : new String[][]{{"GET", "/model/m/invoke"}, {"POST", "/model/m/converse"},
                {"POST", "/model/m/invoke/extra"}}) {
            UpstreamProtocol.UnsupportedRequest refused = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                    () -> new BedrockAgent().canonical(shaped(request[0], request[1], Headers.of(), "{}")));
            assertTrue(refused.getMessage().endsWith("not " + request[0] + " " + request[1]), refused.getMessage());
        }
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> new BedrockAgent().canonical(shaped("POST", "/model/m/invoke", Headers.of(), "")));
        assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> new BedrockAgent().canonical(shaped("POST", "/model/m/invoke", Headers.of(), "[1]")));
    }

    private static final String VERTEX = "/v1/projects/p/locations/us-east5/publishers/anthropic/models/";

    @Test
    void vertexRawPredictStreamsWhenThePathOrTheBodySaysSo() throws Exception {
        String body = "{\"anthropic_version\":\"vertex-2023-10-16\",\"max_tokens\":9,\"messages\":[]}";
        AgentRequest streamed = new VertexAgent().canonical(shaped("POST", VERTEX + "claude-sonnet-4-5@20250929:streamRawPredict",
                Headers.of(), body));
        assertTrue(streamed.stream());
        assertEquals("claude-sonnet-4-5-20250929", streamed.model());
        assertEquals("/v1/messages", streamed.path());

        AgentRequest whole = new VertexAgent().canonical(shaped("POST", VERTEX + "claude-sonnet-4-5@20250929:rawPredict",
                Headers.of(), body));
        assertFalse(whole.stream());

        String streamInBody = "{\"anthropic_version\":\"vertex-2023-10-16\",\"stream\":true,\"messages\":[]}";
        assertTrue(new VertexAgent().canonical(shaped("POST", VERTEX + "claude-sonnet-4-5@20250929:rawPredict",
                Headers.of(), streamInBody)).stream());
    }

    @Test
    void vertexCountTokensTakesTheModelFromTheBody() throws Exception {
        String body = "{\"model\":\"claude-opus-4-1@20250805\",\"messages\":[]}";
        AgentRequest count = new VertexAgent().canonical(shaped("POST", VERTEX + "count-tokens:rawPredict", Headers.of(), body));
        assertEquals("/v1/messages/count_tokens", count.path());
        assertEquals("claude-opus-4-1-20250805", count.model());
        assertFalse(count.stream());

        UpstreamProtocol.UnsupportedRequest noModel = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> new VertexAgent().canonical(shaped("POST", VERTEX + "count-tokens:rawPredict", Headers.of(), "{\"messages\":[]}")));
        assertEquals("count-tokens: model: Field required", noModel.getMessage());
    }

    @Test
    void otherVertexPathsAndMethodsAreRefused() {
        for (String[] request : new String[][]{{"GET", VERTEX + "m:rawPredict"}, {"POST", VERTEX + "m:predict"},
                {"POST", "/v1/projects/p/locations/r/publishers/google/models/m:rawPredict"}}) {
            UpstreamProtocol.UnsupportedRequest refused = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                    () -> new VertexAgent().canonical(shaped(request[0], request[1], Headers.of(), "{}")));
            assertTrue(refused.getMessage().endsWith("not " + request[0] + " " + request[1]), refused.getMessage());
        }
    }
}
