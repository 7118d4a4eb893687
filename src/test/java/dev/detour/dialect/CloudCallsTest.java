package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Dialect;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.translate.CloudErrors;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudCallsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream BEDROCK = new Upstream("bedrock-east", Family.ANTHROPIC, "https://bedrock-runtime.example.com",
            "aws", null, null, Map.of(), Dialect.BEDROCK, "us-east-1", null);

    private static AgentRequest request(String method, String path, String beta, String body) throws Exception {
        Headers headers = beta == null ? Headers.of() : Headers.of("anthropic-beta", beta);
        return new AgentRequest(method, path, null, headers, body.getBytes(StandardCharsets.UTF_8),
                body.isEmpty() ? null : JSON.readTree(body));
    }

    @Test
    void betasOutsideTheTableAreDroppedAndEachIsReportedOncePerUpstream() throws Exception {
        CloudCalls calls = new CloudCalls();
        AgentRequest agent = request("POST", "/v1/messages", "tools-2024, claude-code-2025,tools-2024,, oauth-2025", "{}");

        CloudCalls.Betas first = calls.betas(agent, BEDROCK, Set.of("tools-2024"));
        assertEquals(List.of("tools-2024"), first.kept());
        assertEquals(List.of(
                "beta claude-code-2025 not sent to bedrock-east (api = bedrock does not accept it); requests go on without it",
                "beta oauth-2025 not sent to bedrock-east (api = bedrock does not accept it); requests go on without it"),
                first.notes());

        CloudCalls.Betas again = calls.betas(agent, BEDROCK, Set.of("tools-2024"));
        assertEquals(List.of("tools-2024"), again.kept());
        assertEquals(List.of(), again.notes(), "a dropped flag is reported once, not per request");

        Upstream other = new Upstream("bedrock-west", Family.ANTHROPIC, "https://b.example.com", "aws", null, null, Map.of(),
                Dialect.BEDROCK, "us-west-2", null);
        assertEquals(2, calls.betas(agent, other, Set.of("tools-2024")).notes().size(), "another upstream gets its own notes");
    }

    @Test
    void anUpstreamsOwnBetaListReplacesTheDialectsTable() throws Exception {
        Upstream own = new Upstream("b", Family.ANTHROPIC, "https://b.example.com", "aws", null, null, Map.of(), null, null,
                "us-east-1", null, List.of("oauth-2025"), null);
        CloudCalls.Betas betas = new CloudCalls().betas(request("POST", "/v1/messages", "tools-2024,oauth-2025", "{}"), own,
                Set.of("tools-2024"));
        assertEquals(List.of("oauth-2025"), betas.kept());
        assertEquals(1, betas.notes().size());
        assertTrue(betas.notes().get(0).startsWith("beta tools-2024 not sent to b "), betas.notes().get(0));
    }

    @Test
    void onlyPostMessagesWithAJsonObjectIsACloudRoute() throws Exception {
        CloudCalls.checkRoute(request("POST", "/v1/messages", null, "{\"model\":\"m\"}"), BEDROCK);
        UpstreamProtocol.UnsupportedRequest models = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> CloudCalls.checkRoute(request("GET", "/v1/models", null, ""), BEDROCK));
        assertEquals("bedrock-east (api = bedrock) serves POST /v1/messages only, not GET /v1/models", models.getMessage());
        assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> CloudCalls.checkRoute(request("POST", "/v1/messages/count_tokens", null, "{}"), BEDROCK));
        UpstreamProtocol.UnsupportedRequest array = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> CloudCalls.checkRoute(request("POST", "/v1/messages", null, "[]"), BEDROCK));
        assertEquals("the request body is not a JSON object", array.getMessage());
        assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> CloudCalls.checkRoute(request("POST", "/v1/messages", null, ""), BEDROCK));
    }

    @Test
    void aMissingModelNamesTheTableToFill() throws Exception {
        String message = CloudCalls.noModel(request("POST", "/v1/messages", null, "{\"model\":\"claude-x\"}"), BEDROCK).getMessage();
        assertEquals("bedrock-east has no bedrock model for \"claude-x\": add it to models (opus, sonnet, haiku or default) "
                + "in [upstreams.bedrock-east]", message);
    }

    @Test
    void countTokensIsEstimatedLocallyAndMarkedAsAnEstimate() throws Exception {
        assertNull(CloudCalls.estimate(request("POST", "/v1/messages", null, "{}")));
        assertNull(CloudCalls.estimate(request("GET", "/v1/messages/count_tokens", null, "")));

        UpstreamAnswer.Body estimate = CloudCalls.estimate(request("POST", "/v1/messages/count_tokens", null,
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(400) + "\"}]}"));
        assertEquals(200, estimate.status());
        assertEquals("true", estimate.headers().get(OpenAiChatCompletions.ESTIMATE_HEADER));
        assertTrue(JSON.readTree(estimate.body()).path("input_tokens").asInt() > 100, new String(estimate.body()));

        UpstreamAnswer.Body bad = CloudCalls.estimate(request("POST", "/v1/messages/count_tokens", null, "[1]"));
        assertEquals(400, bad.status());
        assertEquals("invalid_request_error", JSON.readTree(bad.body()).path("error").path("type").asText());
    }

    @Test
    void aCloudErrorKeepsItsStatusAndRetryAfter() throws Exception {
        CloudErrors.AnthropicError overloaded = new CloudErrors.AnthropicError(529, "overloaded_error", "busy");
        UpstreamAnswer.Body withRetry = CloudCalls.error(Headers.of("retry-after", "12"), overloaded);
        assertEquals(529, withRetry.status());
        assertEquals("12", withRetry.headers().get("retry-after"));
        JsonNode body = JSON.readTree(withRetry.body());
        assertEquals("overloaded_error", body.path("error").path("type").asText());
        assertEquals("busy", body.path("error").path("message").asText());

        assertNull(CloudCalls.error(Headers.of(), overloaded).headers().get("retry-after"));
    }
}
