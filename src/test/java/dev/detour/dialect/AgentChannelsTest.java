package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.translate.BedrockFrames;
import dev.detour.translate.ResponsesTools;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reply channels of the Bedrock and Responses agent dialects, over a channel that records what reaches the agent. */
class AgentChannelsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OVERLOADED = bytes("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // Bedrock

    @Test
    void bedrockWholeRepliesKeepTheMessageAndRetryAfterAndNothingElse() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        byte[] message = bytes("{\"type\":\"message\",\"id\":\"msg_1\"}");
        new BedrockAgentChannel(agent).sendWhole(200, Headers.of("retry-after", "3", "request-id", "r"), message);

        assertEquals(List.of("sendWhole 200"), agent.calls);
        assertArrayEquals(message, agent.body);
        assertEquals(2, agent.headers.size(), agent.headers.toString());
        assertEquals("application/json", agent.headers.get("content-type"));
        assertEquals("3", agent.headers.get("retry-after"));
    }

    @Test
    void bedrockErrorsAreInBedrocksShapeWithItsErrorType() throws Exception {
        for (int status : new int[]{400, 529}) {
            RecordingChannel agent = new RecordingChannel();
            byte[] anthropic = status == 400
                    ? bytes("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}") : OVERLOADED;
            new BedrockAgentChannel(agent).sendWhole(status, Headers.of(), anthropic);

            assertEquals(List.of("sendWhole " + status), agent.calls);
            assertEquals(status == 400 ? "ValidationException" : "ServiceUnavailableException", agent.headers.get("x-amzn-ErrorType"));
            assertEquals(status == 400 ? "{\"message\":\"bad\"}" : "{\"message\":\"busy\"}", new String(agent.body, StandardCharsets.UTF_8));
            assertNull(agent.headers.get("retry-after"));
        }
    }

    @Test
    void aBedrockErrorThatIsNotJsonKeepsItsTextAsTheMessage() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        new BedrockAgentChannel(agent).sendWhole(502, Headers.of(), bytes("<html>bad gateway</html>"));
        assertEquals("InternalServerException", agent.headers.get("x-amzn-ErrorType"));
        assertEquals("<html>bad gateway</html>", JSON.readTree(agent.body).path("message").asText());
    }

    @Test
    void bedrockStreamsAreEventStreamFramesAndAnErrorEventIsAnExceptionFrame() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        BedrockAgentChannel channel = new BedrockAgentChannel(agent);
        channel.startEvents(200, Headers.of("Content-Type", "text/event-stream", "request-id", "r"));
        String start = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}";
        channel.event(new SseEvent("message_start", start));
        channel.event(new SseEvent("error", "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"));
        channel.frame(new byte[]{1, 2, 3});
        channel.flush();
        channel.complete();

        assertEquals(List.of("startEvents 200", "frame", "frame", "frame", "flush", "complete"), agent.calls);
        assertEquals(Headers.of("Content-Type", BedrockProtocol.EVENT_STREAM_TYPE), agent.headers);
        assertArrayEquals(BedrockFrames.chunk(start), agent.frames.get(0));
        assertArrayEquals(BedrockFrames.exception("throttlingException", "slow down"), agent.frames.get(1));
        assertArrayEquals(new byte[]{1, 2, 3}, agent.frames.get(2));
    }

    // Responses (Codex)

    private static ResponsesAgentChannel codexChannel(RecordingChannel agent) {
        return new ResponsesAgentChannel(agent, ResponsesTools.none(), "gpt-5-codex");
    }

    @Test
    void anAnthropicErrorReachesCodexInTheOpenAiShapeWithItsRetryHeaders() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        codexChannel(agent).sendWhole(400, Headers.of("retry-after", "4", "x-should-retry", "false", "request-id", "req_1",
                "x-request-id", "xr", "anthropic-ratelimit-tokens-remaining", "0"),
                bytes("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"prompt is too long\"}}"));

        assertEquals(List.of("sendWhole 400"), agent.calls);
        JsonNode error = JSON.readTree(agent.body).path("error");
        assertEquals("context_length_exceeded", error.path("code").asText(), JSON.readTree(agent.body).toString());
        assertEquals("prompt is too long", error.path("message").asText());
        assertEquals(Headers.of("Content-Type", "application/json", "retry-after", "4", "x-should-retry", "false",
                "x-request-id", "xr", "request-id", "req_1"), agent.headers);
    }

    @Test
    void anErrorAlreadyInTheOpenAiShapeGoesToCodexUnchanged() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        byte[] openAi = bytes("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");
        codexChannel(agent).sendWhole(429, Headers.of(), openAi);
        assertArrayEquals(openAi, agent.body);
    }

    @Test
    void aWholeAnthropicMessageBecomesAResponseAndOtherBodiesGoUnchanged() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        codexChannel(agent).sendWhole(200, Headers.of(), bytes("{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"hello\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}"));
        JsonNode response = JSON.readTree(agent.body);
        assertEquals("response", response.path("object").asText(), response.toString());
        assertEquals("gpt-5-codex", response.path("model").asText());

        RecordingChannel passed = new RecordingChannel();
        byte[] fromResponsesUpstream = bytes("{\"object\":\"response\",\"id\":\"resp_1\",\"status\":\"completed\"}");
        codexChannel(passed).sendWhole(200, Headers.of(), fromResponsesUpstream);
        assertArrayEquals(fromResponsesUpstream, passed.body);

        RecordingChannel notJson = new RecordingChannel();
        codexChannel(notJson).sendWhole(200, Headers.of(), bytes("plain"));
        assertArrayEquals(bytes("plain"), notJson.body);
    }

    @Test
    void aResponsesStreamPassesThroughAndACutAfterItStartedFailsThatSameResponse() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        ResponsesAgentChannel channel = codexChannel(agent);
        channel.startEvents(200, Headers.of("Content-Type", "text/event-stream", "x-secret-header", "no"));
        SseEvent created = new SseEvent("response.created",
                "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_42\",\"status\":\"in_progress\"}}");
        channel.event(created);
        SseEvent delta = new SseEvent("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}");
        channel.event(delta);
        channel.event(new SseEvent("error", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"upstream cut\"}}"));
        channel.flush();
        channel.complete();

        assertEquals(Headers.of("Content-Type", "text/event-stream; charset=utf-8"), agent.headers);
        assertEquals(List.of("startEvents 200", "event response.created", "event response.output_text.delta",
                "event response.failed", "flush", "complete"), agent.calls);
        assertEquals(created, agent.events.get(0));
        assertEquals(delta, agent.events.get(1));
        JsonNode failed = agent.events.get(2).json().path("response");
        assertEquals("resp_42", failed.path("id").asText());
        assertEquals("failed", failed.path("status").asText());
        assertEquals("upstream cut", failed.path("error").path("message").asText());
    }

    @Test
    void anOpenAiErrorEventGoesThroughAndAnAnthropicStreamIsTranslated() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        ResponsesAgentChannel channel = codexChannel(agent);
        SseEvent openAiError = new SseEvent("error", "{\"type\":\"error\",\"code\":\"rate_limit_exceeded\",\"message\":\"slow\"}");
        channel.event(openAiError);
        assertEquals(List.of(openAiError), agent.events);

        RecordingChannel translated = new RecordingChannel();
        ResponsesAgentChannel anthropic = codexChannel(translated);
        anthropic.event(new SseEvent("ping", "[]"));
        assertTrue(translated.events.isEmpty(), "an event whose data is not an object is dropped");
        anthropic.event(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\","
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}"));
        assertFalse(translated.events.isEmpty());
        assertTrue(translated.events.stream().allMatch(e -> e.type().startsWith("response.")), translated.calls.toString());
        assertEquals("response.created", translated.events.get(0).type());
    }

    @Test
    void anAnthropicErrorBeforeAnyResponsesEventIsTranslatedIntoAResponseThatFails() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        ResponsesAgentChannel channel = codexChannel(agent);
        channel.event(new SseEvent("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}"));

        assertEquals("response.created", agent.events.get(0).type(), agent.calls.toString());
        SseEvent last = agent.events.get(agent.events.size() - 1);
        assertEquals("response.failed", last.type());
        String id = last.json().path("response").path("id").asText();
        assertEquals(agent.events.get(0).json().path("response").path("id").asText(), id);
        assertTrue(id.startsWith("resp_"), id);
        assertEquals("busy", last.json().path("response").path("error").path("message").asText());
    }

    @Test
    void vertexAnswersAsAnthropicDoesSoItsChannelIsTheAgentsOwnAndResponsesFramesPassThrough() throws Exception {
        RecordingChannel agent = new RecordingChannel();
        AgentRequest vertex = new AgentRequest("POST", "/v1/projects/p/locations/r/publishers/anthropic/models/m:rawPredict", null,
                Headers.of(), new byte[0], (JsonNode) null);
        org.junit.jupiter.api.Assertions.assertSame(agent, new VertexAgent().reply(vertex, agent));

        codexChannel(agent).frame(new byte[]{7});
        assertEquals(List.of("frame"), agent.calls);
        assertArrayEquals(new byte[]{7}, agent.frames.get(0));
    }
}
