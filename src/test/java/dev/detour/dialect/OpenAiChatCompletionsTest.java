package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Chat Completions upstream protocol without a network: its request, every reply shape and its errors. */
class OpenAiChatCompletionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream OPENAI = new Upstream("oai", Family.OPENAI, "https://api.example.com/v1", "env:OAI", null, null,
            Map.of("default", "gpt-5"));
    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-5\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}";
    private final OpenAiChatCompletions protocol = new OpenAiChatCompletions();

    private static AgentRequest claude(boolean stream) throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return new AgentRequest("POST", "/v1/messages", null, Headers.of(), body.getBytes(StandardCharsets.UTF_8), JSON.readTree(body));
    }

    @Test
    void theRequestIsTranslatedForTheMappedModelWithTheUpstreamsBearerKey() throws Exception {
        UpstreamCall call = protocol.call(claude(true), OPENAI, new Credential.Key("sk-upstream"));
        assertEquals("https://api.example.com/v1/chat/completions", call.request().url().toString());
        assertEquals("Bearer sk-upstream", call.request().header("Authorization"));
        assertEquals("text/event-stream", call.request().header("Accept"));
        Buffer sent = new Buffer();
        call.request().body().writeTo(sent);
        JsonNode body = JSON.readTree(sent.readUtf8());
        assertEquals("gpt-5", body.path("model").asText());
        assertEquals("hi", body.path("messages").path(0).path("content").asText(body.toString()));
        assertEquals("gpt-5", call.mappedModel());
        assertEquals("application/json", protocol.call(claude(false), OPENAI, new Credential.Key("k")).request().header("Accept"));
    }

    @Test
    void theAgentsOwnCredentialNeverGoesToAnOpenAiUpstream() {
        assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> protocol.call(claude(false), OPENAI, new Credential.AgentOwn("sk-ant", null)));
    }

    @Test
    void aWholeCompletionBecomesAMessageOrItsEventsWhenTheAgentAskedForAStream() throws Exception {
        AgentRequest whole = claude(false);
        UpstreamCall call = protocol.call(whole, OPENAI, new Credential.Key("k"));
        UpstreamAnswer.Body message = assertInstanceOf(UpstreamAnswer.Body.class, protocol.success(whole, call,
                OpenAiResponsesTest.reply(call.request(), 200, "application/json", COMPLETION, "x-request-id", "req_7")));
        JsonNode translated = JSON.readTree(message.body());
        assertEquals("message", translated.path("type").asText());
        assertEquals("hello", translated.path("content").path(0).path("text").asText());
        assertEquals("req_7", message.headers().get("request-id"));
        assertEquals("application/json", message.headers().get("content-type"));

        AgentRequest streamed = claude(true);
        UpstreamCall streamedCall = protocol.call(streamed, OPENAI, new Credential.Key("k"));
        UpstreamAnswer.Events events = assertInstanceOf(UpstreamAnswer.Events.class, protocol.success(streamed, streamedCall,
                OpenAiResponsesTest.reply(streamedCall.request(), 200, "application/json", COMPLETION)));
        assertEquals("text/event-stream; charset=utf-8", events.headers().get("content-type"));
        List<String> types = new ArrayList<>();
        for (SseEvent e = events.events().next(); e != null; e = events.events().next()) {
            types.add(e.type());
        }
        assertEquals("message_start", types.get(0));
        assertEquals("message_stop", types.get(types.size() - 1));
        assertEquals(true, types.contains("content_block_delta"), types.toString());
    }

    @Test
    void aStreamedCompletionIsTranslatedAsItArrives() throws Exception {
        AgentRequest streamed = claude(true);
        UpstreamCall call = protocol.call(streamed, OPENAI, new Credential.Key("k"));
        String sse = "data: {\"id\":\"c1\",\"model\":\"gpt-5\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"he\"}}]}\n\n";
        UpstreamAnswer.Events events = assertInstanceOf(UpstreamAnswer.Events.class,
                protocol.success(streamed, call, OpenAiResponsesTest.reply(call.request(), 200, "text/event-stream", sse)));
        assertEquals("message_start", events.events().next().type());
    }

    @Test
    void aReplyThatIsNotAJsonObjectIsTheBridgesOwn502() throws Exception {
        AgentRequest whole = claude(false);
        UpstreamCall call = protocol.call(whole, OPENAI, new Credential.Key("k"));
        for (String[] body : new String[][]{{"<html>", "its reply is not JSON"}, {"[]", "its reply is not a JSON object"}}) {
            UpstreamAnswer.Body answer = assertInstanceOf(UpstreamAnswer.Body.class,
                    protocol.success(whole, call, OpenAiResponsesTest.reply(call.request(), 200, "application/json", body[0])));
            assertEquals(502, answer.status());
            assertEquals("detour bridge: the openai upstream answered 200 but " + body[1],
                    JSON.readTree(answer.body()).path("error").path("message").asText());
        }
    }

    @Test
    void aTemporaryErrorKeepsRetryAfterAndAPermanentOneTellsTheAgentNotToRetry() throws Exception {
        AgentRequest whole = claude(false);
        UpstreamCall call = protocol.call(whole, OPENAI, new Credential.Key("k"));
        UpstreamAnswer.Body limited = protocol.failure(whole, call, 429, Headers.of("retry-after", "9", "x-request-id", "r1"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(429, limited.status());
        assertEquals("9", limited.headers().get("retry-after"));
        assertNull(limited.headers().get("x-should-retry"));
        assertEquals("r1", limited.headers().get("request-id"));
        assertEquals("rate_limit_error", JSON.readTree(limited.body()).path("error").path("type").asText());

        UpstreamAnswer.Body quota = protocol.failure(whole, call, 429, Headers.of("retry-after", "9"),
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(429, quota.status());
        assertNull(quota.headers().get("retry-after"), "an exhausted quota does not come back after a wait");
        assertEquals("false", quota.headers().get("x-should-retry"));
    }

    @Test
    void countTokensIsEstimatedHereAndABodyThatIsNoObjectIsA400() throws Exception {
        String count = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
        UpstreamAnswer.Body estimate = protocol.local(new AgentRequest("POST", "/v1/messages/count_tokens", null, Headers.of(),
                count.getBytes(StandardCharsets.UTF_8), JSON.readTree(count)), OPENAI);
        assertEquals(200, estimate.status());
        assertEquals("true", estimate.headers().get(OpenAiChatCompletions.ESTIMATE_HEADER));

        UpstreamAnswer.Body refused = protocol.local(new AgentRequest("POST", "/v1/messages/count_tokens", null, Headers.of(),
                "[1]".getBytes(StandardCharsets.UTF_8), JSON.readTree("[1]")), OPENAI);
        assertEquals(400, refused.status());
        assertEquals("count_tokens: the request body is not a JSON object",
                JSON.readTree(refused.body()).path("error").path("message").asText());
        assertNull(protocol.local(claude(false), OPENAI));
    }
}
