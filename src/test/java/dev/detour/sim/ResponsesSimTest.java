package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.translate.ResponsesToMessagesStream;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Responses sim on a real loopback socket, read back through the Responses stream translator. */
class ResponsesSimTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXEC_TOOL = "{\"type\":\"function\",\"name\":\"exec_command\",\"parameters\":{\"type\":\"object\"}}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private SimServer sim;

    @BeforeEach
    void start() throws IOException {
        sim = SimServer.start(new ResponsesSim("resp-sim"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        sim.close();
    }

    private HttpResponse<InputStream> post(String body, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/v1/responses"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withKey) {
            request.header("Authorization", "Bearer sk-test");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static List<SseEvent> read(InputStream in) throws IOException {
        ResponsesToMessagesStream t = new ResponsesToMessagesStream("m");
        List<SseEvent> events = new ArrayList<>();
        byte[] buffer = new byte[512];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            events.addAll(t.feed(buffer, 0, n));
        }
        events.addAll(t.end());
        return events;
    }

    @Test
    void streamsATextAnswerThatEndsCompleted() throws Exception {
        HttpResponse<InputStream> response = post("{\"model\":\"gpt-5\",\"stream\":true,\"input\":["
                + "{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"sys\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hello sim\"}]}]}", true);
        assertEquals(200, response.statusCode());
        List<SseEvent> events = read(response.body());
        assertEquals("message_stop", events.get(events.size() - 1).type());
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.type().equals("content_block_delta"))
                .forEach(e -> text.append(e.json().path("delta").path("text").asText()));
        assertTrue(text.toString().contains("resp-sim") && text.toString().contains("hello sim")
                && text.toString().endsWith(ReplyScript.END), text.toString());
    }

    @Test
    void asksForExecCommandAndQuotesItsOutput() throws Exception {
        List<SseEvent> call = read(post("{\"model\":\"gpt-5\",\"stream\":true,\"tools\":[" + EXEC_TOOL + "],"
                + "\"input\":[{\"role\":\"user\",\"content\":\"run `echo hi`\"}]}", true).body());
        SseEvent start = call.stream().filter(e -> e.type().equals("content_block_start")
                && e.json().path("content_block").path("type").asText().equals("tool_use")).findFirst().orElseThrow();
        assertEquals("exec_command", start.json().path("content_block").path("name").asText());
        assertEquals("tool_use", call.get(call.size() - 2).json().path("delta").path("stop_reason").asText());

        HttpResponse<InputStream> answer = post("{\"model\":\"gpt-5\",\"stream\":false,\"tools\":[" + EXEC_TOOL + "],"
                + "\"input\":[{\"role\":\"user\",\"content\":\"run `echo hi`\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"exec_command\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"hi-output\"}]}", true);
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("completed", body.path("status").asText());
        assertTrue(body.path("output").get(0).path("content").get(0).path("text").asText().contains("hi-output"));
        assertTrue(body.path("usage").path("total_tokens").asLong() > 0);
    }

    @Test
    void refusesWithoutAKeyAndAnswersFaultsInOpenAiShape() throws Exception {
        HttpResponse<InputStream> noKey = post("{\"model\":\"gpt-5\",\"input\":\"x\"}", false);
        assertEquals(401, noKey.statusCode());
        assertEquals("invalid_api_key", JSON.readTree(noKey.body()).path("error").path("code").asText());
        sim.faults().set(Fault.fromJson(JSON.readTree("{\"mode\":\"status\",\"status\":503}")));
        HttpResponse<InputStream> busy = post("{\"model\":\"gpt-5\",\"input\":\"x\"}", true);
        assertEquals(503, busy.statusCode());
        assertEquals("server_error", JSON.readTree(busy.body()).path("error").path("type").asText());
    }

    @Test
    void aCutStreamEndsWithoutResponseCompleted() throws Exception {
        sim.faults().set(Fault.fromJson(JSON.readTree("{\"mode\":\"cut\",\"after_events\":2}")));
        List<SseEvent> events;
        try {
            events = read(post("{\"model\":\"gpt-5\",\"stream\":true,\"input\":\"tell me more\"}", true).body());
        } catch (IOException cut) {
            return; // the client saw the broken chunked body: equally a cut
        }
        assertEquals("error", events.get(events.size() - 1).type());
    }
}
