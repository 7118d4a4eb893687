package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.translate.StreamTranslator;
import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Chat Completions sim on a real loopback socket, read back through the stream translator. */
class OpenAiSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"Read\",\"parameters\":{\"type\":\"object\"}}}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private SimServer sim;

    @BeforeEach
    void start() throws IOException {
        sim = SimServer.start(new OpenAiSim("oai-sim"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        sim.close();
    }

    private HttpResponse<InputStream> post(String path, String body, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withKey) {
            request.header("Authorization", "Bearer sk-test");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String chat(String userContent, boolean stream, String tools) {
        return "{\"model\":\"gpt-5\",\"stream\":" + stream + ",\"stream_options\":{\"include_usage\":true},"
                + (tools == null ? "" : "\"tools\":[" + tools + "],")
                + "\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":"
                + JSON.valueToTree(userContent) + "},{\"role\":\"system\",\"content\":\"# Environment\"}]}";
    }

    /** Reads the whole body through the translator, in whatever pieces the socket delivers. */
    private static List<SseEvent> translated(InputStream body) throws IOException {
        StreamTranslator translator = new StreamTranslator("claude-sonnet-4-5");
        List<SseEvent> events = new ArrayList<>();
        byte[] buffer = new byte[512];
        try (body) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                events.addAll(translator.feed(buffer, 0, n));
            }
        } catch (IOException cut) {
            // a cut body: the translator decides what it means
        }
        events.addAll(translator.end());
        return events;
    }

    private static String text(List<SseEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.type().equals("content_block_delta"))
                .forEach(e -> text.append(e.json().path("delta").path("text").asText(""))
                        .append(e.json().path("delta").path("partial_json").asText("")));
        return text.toString();
    }

    @Test
    void streamsATextAnswerThatTranslatesToACompleteMessage() throws Exception {
        HttpResponse<InputStream> response = post("/v1/chat/completions", chat("hello there", true, null), true);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<SseEvent> events = translated(response.body());
        assertEquals("message_stop", events.get(events.size() - 1).type());
        assertTrue(text(events).contains("Answer from oai-sim: you said \"hello there\""), text(events));
        assertTrue(text(events).endsWith(ReplyScript.END));
        JsonNode delta = events.get(events.size() - 2).json();
        assertEquals("end_turn", delta.path("delta").path("stop_reason").asText());
        assertTrue(delta.path("usage").path("input_tokens").asLong() > 0, "the usage chunk arrived");
    }

    @Test
    void asksForTheReadToolAndQuotesTheToolResult() throws Exception {
        List<SseEvent> call = translated(post("/chat/completions", chat("read /tmp/x/notes.txt please", true, READ_TOOL), true).body());
        SseEvent toolStart = call.stream().filter(e -> e.json().path("content_block").path("type").asText().equals("tool_use"))
                .findFirst().orElseThrow();
        assertEquals("Read", toolStart.json().path("content_block").path("name").asText());
        assertTrue(text(call).contains("{\"file_path\":\"/tmp/x/notes.txt\"}"), text(call));
        assertEquals("tool_use", call.get(call.size() - 2).json().path("delta").path("stop_reason").asText());

        String id = toolStart.json().path("content_block").path("id").asText();
        String followUp = "{\"model\":\"gpt-5\",\"messages\":[{\"role\":\"user\",\"content\":\"read /tmp/x/notes.txt\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + id + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"Read\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"buy milk\"}]}";
        HttpResponse<InputStream> answer = post("/v1/chat/completions", followUp, true);
        JsonNode completion = JSON.readTree(answer.body());
        assertEquals("stop", completion.path("choices").path(0).path("finish_reason").asText());
        assertTrue(completion.path("choices").path(0).path("message").path("content").asText().contains("buy milk"));
    }

    @Test
    void refusesARequestWithoutABearerKey() throws Exception {
        HttpResponse<InputStream> response = post("/v1/chat/completions", chat("hi", false, null), false);
        assertEquals(401, response.statusCode());
        assertEquals("invalid_api_key", JSON.readTree(response.body()).path("error").path("code").asText());
    }

    @Test
    void listsModels() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/v1/models"))
                .header("Authorization", "Bearer k").timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
        JsonNode list = JSON.readTree(response.body());
        assertEquals("list", list.path("object").asText());
        assertEquals(OpenAiSim.MODELS.get(0), list.path("data").path(0).path("id").asText());
    }

    @Test
    void statusFaultAnswersInTheOpenAiErrorFormat() throws Exception {
        sim.faults().set(Fault.fromJson(JSON.readTree("{\"mode\":\"status\",\"status\":429,\"retry_after_s\":7,\"times\":1}")));
        HttpResponse<InputStream> limited = post("/v1/chat/completions", chat("hi", true, null), true);
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("retry-after").orElse(null));
        assertEquals("rate_limit_exceeded", JSON.readTree(limited.body()).path("error").path("code").asText());
        assertEquals(200, post("/v1/chat/completions", chat("hi", false, null), true).statusCode(), "times = 1 expired");
    }

    @Test
    void cutFaultEndsTheStreamWithoutAFinishReasonSoTheAgentSeesAnError() throws Exception {
        sim.faults().set(Fault.fromJson(JSON.readTree("{\"mode\":\"cut\",\"after_events\":3}")));
        List<SseEvent> events = translated(post("/v1/chat/completions", chat("tell me a long story", true, null), true).body());
        SseEvent last = events.get(events.size() - 1);
        assertEquals("error", last.type());
        assertFalse(events.stream().anyMatch(e -> e.type().equals("message_stop")));
        assertTrue(events.stream().filter(e -> e.type().equals("content_block_delta")).count() <= 3, "at most three content events got through");
        String recorded = new String(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/_sim/requests"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofInputStream()).body().readAllBytes());
        assertTrue(recorded.contains("cut after 3 events"), recorded);
    }

    @Test
    void rejectsMaxTokensForGpt5LikeTheRealApi() throws Exception {
        HttpResponse<InputStream> response = post("/v1/chat/completions",
                "{\"model\":\"gpt-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", true);
        assertEquals(400, response.statusCode());
        assertNotNull(JSON.readTree(response.body()).path("error").path("message").asText(null));
    }
}
