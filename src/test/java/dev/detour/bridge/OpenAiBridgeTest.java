package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.dialect.OpenAiChatCompletions;
import dev.detour.sim.SimServer;
import dev.detour.testing.Cleanup;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bridge whose session is on the openai family, in front of a real {@code detour sim --family openai} (and an
 * Anthropic sim as the cross-family fallback), spoken to over HTTP the way an agent does. Every test gets a bridge of
 * its own (in this JVM, with its own config and state folder), so breaker and conversation state never carry over from
 * one test to the next; the sims are shared and reset before each test.
 */
class OpenAiBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "sk-sim-secret-0123456789";
    private static final String AGENT_KEY = "sk-ant-agent-own-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @TempDir
    static Path simDir;
    static SimProcess openaiSim;
    static SimProcess anthropicSim;

    @TempDir
    Path dir;
    BridgeFixture bridge;
    String base;

    @BeforeAll
    static void startSims() throws Exception {
        openaiSim = SimProcess.start(simDir, "openai", "oai-sim");
        anthropicSim = SimProcess.start(simDir, "anthropic", "anth-sim");
    }

    @AfterAll
    static void stopSims() {
        Cleanup.closeAll(openaiSim, anthropicSim);
    }

    @BeforeEach
    void freshBridge() throws Exception {
        openaiSim.fault("{\"mode\":\"healthy\"}");
        anthropicSim.fault("{\"mode\":\"healthy\"}");
        openaiSim.clear();
        anthropicSim.clear();
        bridge = new BridgeFixture(dir);
        bridge.env.put("SIM_OPENAI_KEY", KEY);
        bridge.write("""
                [upstreams.oai]
                family = "openai"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "env:SIM_OPENAI_KEY"
                models = { opus = "gpt-5", default = "gpt-5-mini" }

                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"

                [sessions.main]
                port = %d
                route = ["oai", "anth"]
                failover = "any"
                """.formatted(openaiSim.port(), anthropicSim.port(), bridge.port));
        bridge.start();
        base = bridge.url("");
    }

    @AfterEach
    void stopBridge() throws Exception {
        bridge.close();
    }

    @Test
    void aStreamedAnswerArrivesAsAWellFormedAnthropicStreamWithTheMappedModel() throws Exception {
        HttpResponse<String> response = messages(request("claude-opus-4-1", true, "hello from the agent", false));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<JsonNode> events = events(response.body());
        assertEquals("message_start", events.get(0).path("type").asText());
        assertEquals("message_stop", events.get(events.size() - 1).path("type").asText());
        assertTrue(text(events).contains("Answer from oai-sim: you said \"hello from the agent\""), text(events));
        assertEquals("end_turn", events.get(events.size() - 2).path("delta").path("stop_reason").asText());

        JsonNode last = lastRequest();
        assertEquals("oai", last.path("upstream").asText());
        assertEquals("claude-opus-4-1", last.path("model").asText());
        assertEquals("gpt-5", last.path("mapped_model").asText(), "the mapping is visible in stats");

        JsonNode seen = JSON.readTree(openaiSim.requests()).path("requests").path(0);
        assertEquals("/v1/chat/completions", seen.path("path").asText());
        assertEquals("gpt-5", seen.path("model").asText());
        assertEquals(SimServer.fingerprint("Bearer " + KEY), seen.path("headers").path("authorization").path(0).asText(),
                "the upstream's own key, as a bearer token");
        assertTrue(seen.path("headers").path("x-api-key").isMissingNode(), "the agent's key never goes to an env: upstream");
        assertTrue(seen.path("headers").path("anthropic-version").isMissingNode());
    }

    @Test
    void aToolCallStreamsAsToolUseAndTheToolResultComesBackTranslated() throws Exception {
        List<JsonNode> call = events(messages(request("claude-sonnet-4-5", true, "please read /tmp/w/notes.txt", true)).body());
        JsonNode toolStart = call.stream().filter(e -> e.path("content_block").path("type").asText().equals("tool_use"))
                .findFirst().orElseThrow();
        assertEquals("Read", toolStart.path("content_block").path("name").asText());
        assertEquals("{\"file_path\":\"/tmp/w/notes.txt\"}", partialJson(call, toolStart.path("index").asInt()));
        assertEquals("tool_use", call.get(call.size() - 2).path("delta").path("stop_reason").asText());
        assertEquals("gpt-5-mini", lastRequest().path("mapped_model").asText(), "sonnet falls to the default entry");

        String id = toolStart.path("content_block").path("id").asText();
        String followUp = """
                {"model":"claude-sonnet-4-5","max_tokens":1000,"stream":false,
                 "tools":[{"name":"Read","input_schema":{"type":"object","properties":{"file_path":{"type":"string"}}}}],
                 "messages":[{"role":"user","content":"please read /tmp/w/notes.txt"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"x","signature":"c2ln"},
                   {"type":"tool_use","id":"%s","name":"Read","input":{"file_path":"/tmp/w/notes.txt"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"1\\tbuy milk"}]}]}"""
                .formatted(id, id);
        HttpResponse<String> answer = messages(followUp);
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode message = JSON.readTree(answer.body());
        assertEquals("message", message.path("type").asText());
        assertEquals("end_turn", message.path("stop_reason").asText());
        assertTrue(message.path("content").path(0).path("text").asText().contains("buy milk"), answer.body());
    }

    @Test
    void countTokensIsAnsweredWithALabelledEstimate() throws Exception {
        HttpResponse<String> response = post("/v1/messages/count_tokens", request("claude-opus-4-1", false, "count me", false));
        assertEquals(200, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("input_tokens").asLong() > 0);
        assertEquals("true", response.headers().firstValue(OpenAiChatCompletions.ESTIMATE_HEADER).orElse(null));
        assertEquals(0, JSON.readTree(openaiSim.requests()).path("count").asInt(), "nothing was sent upstream");
        String attempts = lastRequest().path("attempts").toString();
        assertTrue(attempts.contains("oai:200-estimate"), attempts);
    }

    @Test
    void modelsAreListedInTheAnthropicFormat() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/models"))
                .timeout(Duration.ofSeconds(10)).header("x-api-key", AGENT_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode page = JSON.readTree(response.body());
        assertEquals("model", page.path("data").path(0).path("type").asText());
        assertEquals("gpt-5", page.path("first_id").asText());
    }

    @Test
    void anOpenAiOutageFailsOverToTheAnthropicUpstreamBeforeAnyContent() throws Exception {
        openaiSim.fault("{\"mode\":\"status\",\"status\":503,\"times\":1}");
        List<JsonNode> events = events(messages(request("claude-opus-4-1", true, "are you there", false)).body());
        assertTrue(text(events).contains("Answer from anth-sim"), text(events));
        assertEquals("message_stop", events.get(events.size() - 1).path("type").asText());
        JsonNode last = lastRequest();
        assertEquals("anth", last.path("upstream").asText());
        assertEquals("[\"oai:503\",\"anth:200\"]", last.path("attempts").toString());
    }

    @Test
    void aClientErrorIsTranslatedAndNotFailedOver() throws Exception {
        openaiSim.fault("{\"mode\":\"status\",\"status\":400,\"times\":1}");
        HttpResponse<String> response = messages(request("claude-opus-4-1", true, "bad", false));
        assertEquals(400, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("error", body.path("type").asText());
        assertEquals("invalid_request_error", body.path("error").path("type").asText());
        assertEquals("[\"oai:400\"]", lastRequest().path("attempts").toString());
    }

    @Test
    void aStreamCutMidAnswerEndsInAnErrorEventNeverMessageStop() throws Exception {
        openaiSim.fault("{\"mode\":\"cut\",\"after_events\":2,\"times\":1}");
        List<JsonNode> events = events(messages(request("claude-opus-4-1", true, "a long story please", false)).body());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("error", last.path("type").asText());
        assertEquals("overloaded_error", last.path("error").path("type").asText());
        assertTrue(events.stream().noneMatch(e -> e.path("type").asText().equals("message_stop")));
        assertFalse(text(events).isEmpty(), "content had started before the cut");
    }

    /** A conversation whose history holds a thinking block signed somewhere else. */
    static String withForeignThinking() {
        return """
                {"model":"claude-opus-4-1","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1024},
                 "messages":[{"role":"user","content":"first question"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hmm","signature":"sig_made_elsewhere"},
                   {"type":"text","text":"first answer"}]},
                  {"role":"user","content":"second question"}]}""";
    }

    @Test
    void aConversationMovingToAnAnthropicUpstreamLeavesForeignThinkingBehind() throws Exception {
        String session = "aaaaaaaa-0000-4000-8000-000000000001";
        assertEquals(200, post("/v1/messages", request("claude-opus-4-1", false, "first question", false), session).statusCode());
        assertEquals("oai", lastRequest().path("upstream").asText());
        openaiSim.fault("{\"mode\":\"status\",\"status\":503,\"times\":1}");
        HttpResponse<String> moved = post("/v1/messages", withForeignThinking(), session);
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("[\"oai:503\",\"anth:200\"]", lastRequest().path("attempts").toString(),
                "stripped before sending: no refusal, no retry");
    }

    @Test
    void aRefusedThinkingSignatureIsRetriedOnceWithoutThinking() throws Exception {
        openaiSim.fault("{\"mode\":\"status\",\"status\":503,\"times\":1}");
        HttpResponse<String> response = post("/v1/messages", withForeignThinking(), "bbbbbbbb-0000-4000-8000-000000000002");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).path("content").path(0).path("text").asText().contains("second question"));
        assertEquals("[\"oai:503\",\"anth:400-thinking-signature\",\"anth:200\"]", lastRequest().path("attempts").toString());
    }

    // --- helpers

    static String request(String model, boolean stream, String prompt, boolean withRead) {
        return """
                {"model":"%s","max_tokens":2000,"stream":%s,"metadata":{"user_id":"u"},
                 "system":[{"type":"text","text":"You are a test."}],%s
                 "messages":[{"role":"user","content":[{"type":"text","text":%s}]}]}"""
                .formatted(model, stream, withRead ? "\"tools\":[{\"name\":\"Read\",\"description\":\"Reads a file\","
                        + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}}}}]," : "",
                        JSON.valueToTree(prompt).toString());
    }

    HttpResponse<String> messages(String body) throws Exception {
        return post("/v1/messages?beta=true", body, "11111111-2222-4333-8444-555555555555");
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, body, "11111111-2222-4333-8444-555555555555");
    }

    HttpResponse<String> post(String path, String body, String claudeSession) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").header("x-api-key", AGENT_KEY)
                .header("anthropic-version", "2023-06-01").header("X-Claude-Code-Session-Id", claudeSession)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<JsonNode> events(String sse) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        return events;
    }

    static String text(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.path("delta").path("text").asText("")));
        return text.toString();
    }

    static String partialJson(List<JsonNode> events, int index) {
        StringBuilder json = new StringBuilder();
        events.stream().filter(e -> e.path("index").asInt(-1) == index)
                .forEach(e -> json.append(e.path("delta").path("partial_json").asText("")));
        return json.toString();
    }

    JsonNode lastRequest() throws Exception {
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_detour/stats"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode requests = JSON.readTree(stats.body()).path("requests");
        return requests.get(requests.size() - 1);
    }
}
