package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI Responses upstream protocol, request and reply, without a network: OkHttp's own request and response objects. */
class OpenAiResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Upstream OPENAI = new Upstream("oai", Family.OPENAI, "https://api.example.com/v1", "env:OAI", null, null,
            Map.of("sonnet", "gpt-5", "default", "gpt-5-mini"), "responses", null);
    private static final String CLAUDE_BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String CODEX_BODY = "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,\"input\":\"hi\",\"store\":false}";
    private final OpenAiResponses protocol = new OpenAiResponses();

    private static AgentRequest claude(String body) throws Exception {
        return new AgentRequest("POST", "/v1/messages", null, Headers.of(), body.getBytes(StandardCharsets.UTF_8), JSON.readTree(body));
    }

    private static AgentRequest fromCodex(String codexBody) throws Exception {
        AgentRequest codex = new AgentRequest("POST", ResponsesAgent.PATH, null, Headers.of("authorization", "Bearer sk-codex"),
                codexBody.getBytes(StandardCharsets.UTF_8), JSON.readTree(codexBody));
        return new ResponsesAgent().canonical(codex);
    }

    private static JsonNode sentBody(UpstreamCall call) throws Exception {
        Buffer buffer = new Buffer();
        call.request().body().writeTo(buffer);
        return JSON.readTree(buffer.readUtf8());
    }

    /** An upstream's reply to {@code request}, as OkHttp hands it over. */
    static Response reply(Request request, int code, String contentType, String body, String... headers) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(code).message("x")
                .headers(Headers.of(headers)).header("content-type", contentType)
                .body(ResponseBody.create(body, MediaType.get(contentType))).build();
    }

    @Test
    void claudeCodesRequestIsTranslatedWithTheMappedModelAndTheUpstreamsKey() throws Exception {
        UpstreamCall call = protocol.call(claude(CLAUDE_BODY), OPENAI, new Credential.Key("sk-upstream"));

        Request request = call.request();
        assertEquals("https://api.example.com/v1/responses", request.url().toString());
        assertEquals("Bearer sk-upstream", request.header("Authorization"));
        assertEquals("text/event-stream", request.header("Accept"));
        JsonNode body = sentBody(call);
        assertEquals("gpt-5", body.path("model").asText());
        assertTrue(body.has("input"), body.toString());
        assertEquals("gpt-5", call.mappedModel());

        UpstreamCall whole = protocol.call(claude(CLAUDE_BODY.replace("\"stream\":true", "\"stream\":false")), OPENAI,
                new Credential.Key("k"));
        assertEquals("application/json", whole.request().header("Accept"));
    }

    @Test
    void codexsOwnRequestGoesUnchangedButForTheMappedModel() throws Exception {
        UpstreamCall call = protocol.call(fromCodex(CODEX_BODY), OPENAI, new Credential.AgentOwn(null, "Bearer sk-codex"));

        JsonNode body = sentBody(call);
        assertEquals("gpt-5", body.path("model").asText());
        assertEquals("hi", body.path("input").asText());
        assertEquals(false, body.path("store").asBoolean(true));
        assertEquals("Bearer sk-codex", call.request().header("Authorization"));
        assertEquals("gpt-5", call.mappedModel());

        Upstream noTable = new Upstream("oai", Family.OPENAI, "https://api.example.com/v1", "passthrough", null, null, Map.of(),
                "responses", null);
        UpstreamCall unmapped = protocol.call(fromCodex(CODEX_BODY.replace("claude-sonnet-4-5", "gpt-5-codex")), noTable,
                new Credential.AgentOwn(null, "Bearer sk-codex"));
        assertEquals(JSON.readTree(CODEX_BODY.replace("claude-sonnet-4-5", "gpt-5-codex")), sentBody(unmapped));
        assertNull(unmapped.mappedModel());
    }

    @Test
    void passthroughIsOnlyForCodexsOwnBearerKey() throws Exception {
        UpstreamProtocol.UnsupportedRequest claudeKey = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> protocol.call(claude(CLAUDE_BODY), OPENAI, new Credential.AgentOwn("sk-ant", null)));
        assertTrue(claudeKey.getMessage().contains("only a Codex agent's own key"), claudeKey.getMessage());

        UpstreamProtocol.UnsupportedRequest noBearer = assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> protocol.call(fromCodex(CODEX_BODY), OPENAI, new Credential.AgentOwn(null, "Basic abc")));
        assertTrue(noBearer.getMessage().contains("sent no bearer key"), noBearer.getMessage());
        assertThrows(UpstreamProtocol.UnsupportedRequest.class,
                () -> protocol.call(fromCodex(CODEX_BODY), OPENAI, new Credential.AgentOwn(null, null)));
    }

    @Test
    void modelsAreListedThroughTheChatRouteAndCountTokensIsEstimated() throws Exception {
        AgentRequest models = new AgentRequest("GET", "/v1/models", null, Headers.of(), new byte[0], (JsonNode) null);
        UpstreamCall call = protocol.call(models, OPENAI, new Credential.Key("sk-upstream"));
        assertEquals("https://api.example.com/v1/models", call.request().url().toString());
        assertEquals("Bearer sk-upstream", call.request().header("Authorization"));

        UpstreamAnswer answer = protocol.success(models, call, reply(call.request(), 200, "application/json",
                "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-5\",\"created\":1}]}"));
        JsonNode page = JSON.readTree(((UpstreamAnswer.Body) answer).body());
        assertEquals("gpt-5", page.path("data").path(0).path("id").asText());

        String count = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
        AgentRequest countTokens = new AgentRequest("POST", "/v1/messages/count_tokens", null, Headers.of(),
                count.getBytes(StandardCharsets.UTF_8), JSON.readTree(count));
        UpstreamAnswer.Body estimate = protocol.local(countTokens, OPENAI);
        assertNotNull(estimate);
        assertEquals("true", estimate.headers().get(OpenAiChatCompletions.ESTIMATE_HEADER));
        assertNull(protocol.local(claude(CLAUDE_BODY), OPENAI));
    }

    @Test
    void aMessagesRequestWithoutJsonIsRefused() {
        AgentRequest notJson = new AgentRequest("POST", "/v1/messages", null, Headers.of(), "x".getBytes(), (JsonNode) null);
        assertThrows(UpstreamProtocol.UnsupportedRequest.class, () -> protocol.call(notJson, OPENAI, new Credential.Key("k")));
    }

    @Test
    void aStreamedReplyIsTranslatedForClaudeCodeAndPassedThroughForCodex() throws Exception {
        String sse = "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\",\"model\":\"gpt-5\"}}\n\n";
        AgentRequest claude = claude(CLAUDE_BODY);
        UpstreamCall call = protocol.call(claude, OPENAI, new Credential.Key("k"));
        UpstreamAnswer.Events translated = assertInstanceOf(UpstreamAnswer.Events.class, protocol.success(claude, call,
                reply(call.request(), 200, "text/event-stream", sse, "x-request-id", "req_9")));
        assertEquals("req_9", translated.headers().get("request-id"));
        assertEquals("text/event-stream; charset=utf-8", translated.headers().get("content-type"));
        assertEquals("message_start", translated.events().next().type());

        AgentRequest codex = fromCodex(CODEX_BODY);
        UpstreamCall codexCall = protocol.call(codex, OPENAI, new Credential.AgentOwn(null, "Bearer sk-codex"));
        UpstreamAnswer.Events passed = assertInstanceOf(UpstreamAnswer.Events.class, protocol.success(codex, codexCall,
                reply(codexCall.request(), 200, "text/event-stream", sse)));
        SseEvent first = passed.events().next();
        assertEquals("response.created", first.type());
        assertNull(passed.headers().get("request-id"));
    }

    @Test
    void aWholeReplyIsAMessageForClaudeCodeEventsWhenItAskedForAStreamAndUnchangedForCodex() throws Exception {
        String response = "{\"id\":\"resp_1\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"gpt-5\",\"output\":"
                + "[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]}],"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
        AgentRequest whole = claude(CLAUDE_BODY.replace("\"stream\":true", "\"stream\":false"));
        UpstreamCall call = protocol.call(whole, OPENAI, new Credential.Key("k"));
        UpstreamAnswer.Body message = assertInstanceOf(UpstreamAnswer.Body.class,
                protocol.success(whole, call, reply(call.request(), 200, "application/json", response)));
        JsonNode translated = JSON.readTree(message.body());
        assertEquals("message", translated.path("type").asText(), translated.toString());
        assertEquals("hello", translated.path("content").path(0).path("text").asText());
        assertEquals("application/json", message.headers().get("content-type"));

        AgentRequest streamed = claude(CLAUDE_BODY);
        UpstreamCall streamedCall = protocol.call(streamed, OPENAI, new Credential.Key("k"));
        UpstreamAnswer.Events listed = assertInstanceOf(UpstreamAnswer.Events.class,
                protocol.success(streamed, streamedCall, reply(streamedCall.request(), 200, "application/json", response)));
        assertEquals("text/event-stream; charset=utf-8", listed.headers().get("content-type"));
        assertEquals("message_start", listed.events().next().type());
        SseEvent last = null;
        for (SseEvent e = listed.events().next(); e != null; e = listed.events().next()) {
            last = e;
        }
        assertEquals("message_stop", last.type());

        AgentRequest codex = fromCodex(CODEX_BODY.replace("\"stream\":true", "\"stream\":false"));
        UpstreamCall codexCall = protocol.call(codex, OPENAI, new Credential.AgentOwn(null, "Bearer sk-codex"));
        UpstreamAnswer.Body unchanged = assertInstanceOf(UpstreamAnswer.Body.class,
                protocol.success(codex, codexCall, reply(codexCall.request(), 200, "application/json", response)));
        assertEquals(response, new String(unchanged.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aReplyThatIsNotAJsonObjectIsTheBridgesOwn502WithTheReason() throws Exception {
        AgentRequest whole = claude(CLAUDE_BODY.replace("\"stream\":true", "\"stream\":false"));
        UpstreamCall call = protocol.call(whole, OPENAI, new Credential.Key("k"));
        for (String[] body : new String[][]{{"<html>", "its reply is not JSON"}, {"[1]", "its reply is not a JSON object"}}) {
            UpstreamAnswer.Body answer = assertInstanceOf(UpstreamAnswer.Body.class,
                    protocol.success(whole, call, reply(call.request(), 200, "application/json", body[0])));
            assertEquals(502, answer.status());
            assertEquals("detour bridge: the openai upstream answered 200 but " + body[1],
                    JSON.readTree(answer.body()).path("error").path("message").asText());
        }
    }
}
