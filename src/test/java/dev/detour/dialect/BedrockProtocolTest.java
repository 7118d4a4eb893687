package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.cloud.AwsCredentialChain;
import dev.detour.config.Dialect;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import okhttp3.Headers;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Bedrock upstream's request, built without a network (a Bedrock API key, so no signing). */
class BedrockProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BedrockProtocol protocol = new BedrockProtocol(new AwsCredentialChain(name -> null), Clock.systemUTC());

    private static Upstream bedrock(String baseUrl) {
        return new Upstream("bedrock", Family.ANTHROPIC, baseUrl, "aws", null, null, Map.of(), Dialect.BEDROCK, "us-east-1", null);
    }

    private static AgentRequest messages(String method, String path, boolean stream) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":9,\"stream\":" + stream + ",\"messages\":[]}";
        return new AgentRequest(method, path, null, Headers.of("anthropic-version", "2023-06-01"),
                body.getBytes(StandardCharsets.UTF_8), JSON.readTree(body));
    }

    @Test
    void aStreamedRequestGoesToInvokeWithResponseStreamForTheRegionsModel() throws Exception {
        UpstreamCall call = protocol.call(messages("POST", "/v1/messages", true), bedrock("https://bedrock-runtime.us-east-1.example.com/"),
                new Credential.Key("bedrock-api-key"));
        Request request = call.request();
        assertEquals("https://bedrock-runtime.us-east-1.example.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0"
                + "/invoke-with-response-stream", request.url().toString(), "one slash between base and path");
        assertEquals(BedrockProtocol.EVENT_STREAM_TYPE, request.header("Accept"));
        assertEquals("Bearer bedrock-api-key", request.header("Authorization"));
        assertEquals("us.anthropic.claude-sonnet-4-5-20250929-v1:0", call.mappedModel());
        Buffer sent = new Buffer();
        request.body().writeTo(sent);
        JsonNode body = JSON.readTree(sent.readUtf8());
        assertEquals("bedrock-2023-05-31", body.path("anthropic_version").asText());
        assertFalse(body.has("model"), "the model is in the path");
        assertFalse(body.has("stream"), "the path says it streams");
    }

    @Test
    void aWholeRequestGoesToInvoke() throws Exception {
        Request request = protocol.call(messages("POST", "/v1/messages", false), bedrock("https://b.example.com"),
                new Credential.Key("k")).request();
        assertTrue(request.url().toString().endsWith("/invoke"), request.url().toString());
        assertEquals("https://b.example.com/model/", request.url().toString().substring(0, "https://b.example.com/model/".length()));
        assertEquals("application/json", request.header("Accept"));
    }

    @Test
    void onlyMessagesAreSentToBedrock() {
        assertThrows(UpstreamProtocol.UnsupportedRequest.class, () -> protocol.call(messages("POST", "/v1/complete", false),
                bedrock("https://b.example.com"), new Credential.Key("k")));
    }

    @Test
    void aModelBedrockHasNoIdForIsRefusedWithTheTableToFill() throws Exception {
        String body = "{\"model\":\"claude-custom\",\"max_tokens\":9,\"messages\":[]}";
        AgentRequest custom = new AgentRequest("POST", "/v1/messages", null, Headers.of(), body.getBytes(StandardCharsets.UTF_8),
                JSON.readTree(body));
        UpstreamProtocol.UnsupportedRequest refused = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> protocol.call(custom, bedrock("https://b.example.com"), new Credential.Key("k")));
        assertTrue(refused.getMessage().startsWith("bedrock has no bedrock model for \"claude-custom\""), refused.getMessage());
        assertNull(protocol.local(custom, bedrock("https://b.example.com")));
    }
}
