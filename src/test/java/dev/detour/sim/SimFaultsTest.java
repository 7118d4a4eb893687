package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.testing.DetourProcess;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fault mode of the Anthropic sim, seen by a plain HTTP client over loopback. */
class SimFaultsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    SimServer sim;
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(1500))
            .retryOnConnectionFailure(false).build();

    @BeforeEach
    void start() throws IOException {
        sim = SimServer.start(new AnthropicSim("s"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        sim.close();
    }

    private void fault(String json) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + sim.port() + "/_sim/fault")
                .post(RequestBody.create(json, MediaType.get("application/json"))).build()).execute()) {
            assertEquals(200, r.code(), r.body().string());
        }
    }

    private Request messages(boolean stream) {
        return new Request.Builder().url("http://127.0.0.1:" + sim.port() + "/v1/messages?beta=true")
                .header("x-api-key", "sk-ant-test-key-9999")
                .post(RequestBody.create("{\"model\":\"claude-x\",\"max_tokens\":5,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", MediaType.get("application/json"))).build();
    }

    /** Reads event names until the end of the body or a failure, which is returned as the last element. */
    private List<Object> events(Response r) {
        List<Object> seen = new ArrayList<>();
        BufferedSource source = r.body().source();
        try {
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (line.startsWith("event: ")) {
                    seen.add(line.substring(7));
                }
            }
        } catch (IOException e) {
            seen.add(e);
        }
        return seen;
    }

    @Test
    void healthyStreamsAWholeMessageAndAnswersModelsAndCountTokens() throws IOException {
        try (Response r = http.newCall(messages(true)).execute()) {
            List<Object> events = events(r);
            assertEquals(List.of("message_start", "ping", "content_block_start"), events.subList(0, 3));
            assertEquals("message_stop", events.get(events.size() - 1));
        }
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + sim.port() + "/v1/models").build()).execute()) {
            JsonNode page = JSON.readTree(r.body().string());
            assertEquals("model", page.path("data").get(0).path("type").asText());
            assertFalse(page.path("has_more").asBoolean());
        }
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + sim.port() + "/v1/messages/count_tokens")
                .post(RequestBody.create("{\"model\":\"m\",\"messages\":[]}", MediaType.get("application/json"))).build()).execute()) {
            assertTrue(JSON.readTree(r.body().string()).path("input_tokens").asInt() > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 529, 429, 401})
    void statusFaultsAnswerInTheAnthropicErrorFormat(int status) throws IOException {
        fault("{\"mode\":\"status\",\"status\":" + status + (status == 429 ? ",\"retry_after_s\":12" : "") + "}");
        try (Response r = http.newCall(messages(true)).execute()) {
            assertEquals(status, r.code());
            JsonNode body = JSON.readTree(r.body().string());
            assertEquals("error", body.path("type").asText());
            String expected = Map.of(500, "api_error", 503, "api_error", 529, "overloaded_error", 429, "rate_limit_error",
                    401, "authentication_error").get(status);
            assertEquals(expected, body.path("error").path("type").asText());
            if (status == 429) {
                assertEquals("12", r.header("retry-after"));
            }
        }
    }

    @Test
    void resetFailsBeforeAnyHeaderAndNoAnswerNeverAnswers() throws IOException {
        fault("{\"mode\":\"reset\"}");
        IOException reset = assertThrows(IOException.class, () -> http.newCall(messages(true)).execute().close());
        assertFalse(reset instanceof SocketTimeoutException, reset.toString());
        fault("{\"mode\":\"no-answer\"}");
        assertThrows(SocketTimeoutException.class, () -> http.newCall(messages(true)).execute().close());
    }

    @Test
    void slowFirstTokenSendsTheOpeningAtOnceAndContentLater() throws IOException {
        fault("{\"mode\":\"slow-first-token\",\"delay_ms\":2000}");
        OkHttpClient patient = http.newBuilder().readTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        try (Response r = patient.newCall(messages(true)).execute()) {
            BufferedSource source = r.body().source();
            assertEquals("event: message_start", source.readUtf8Line());
            long headersMs = (System.nanoTime() - start) / 1_000_000;
            List<Object> rest = events(r);
            assertEquals("message_stop", rest.get(rest.size() - 1));
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 2000 && headersMs < 2000,
                    "the opening came before the delay, the content after it");
        }
    }

    @Test
    void cutBreaksTheBodyAndStallGoesSilentAfterSomeContent() throws IOException {
        fault("{\"mode\":\"cut\",\"after_events\":2}");
        try (Response r = http.newCall(messages(true)).execute()) {
            List<Object> events = events(r);
            assertInstanceOf(IOException.class, events.get(events.size() - 1), events.toString());
            assertEquals(2, events.stream().filter("content_block_delta"::equals).count());
        }
        fault("{\"mode\":\"stall\",\"after_events\":1}");
        try (Response r = http.newCall(messages(true)).execute()) {
            List<Object> events = events(r);
            assertInstanceOf(SocketTimeoutException.class, events.get(events.size() - 1), events.toString());
            assertEquals(1, events.stream().filter("content_block_delta"::equals).count());
        }
        fault("{\"mode\":\"cut\"}");
        assertThrows(IOException.class, () -> {
            try (Response r = http.newCall(messages(false)).execute()) {
                r.body().string();
            }
        });
    }

    @Test
    void aFaultWithTimesExpiresAndRequestsAreRecordedWithFingerprintsOnly() throws IOException {
        fault("{\"mode\":\"status\",\"status\":529,\"times\":1}");
        try (Response r = http.newCall(messages(false)).execute()) {
            assertEquals(529, r.code());
        }
        try (Response r = http.newCall(messages(false)).execute()) {
            assertEquals(200, r.code());
        }
        try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + sim.port() + "/_sim/requests").build()).execute()) {
            String text = r.body().string();
            JsonNode seen = JSON.readTree(text);
            assertEquals(2, seen.path("count").asInt());
            assertEquals("status 529 (1x)", seen.path("requests").get(0).path("fault").asText());
            assertEquals(SimServer.fingerprint("sk-ant-test-key-9999"), seen.path("requests").get(0).path("headers").path("x-api-key").get(0).asText());
            assertFalse(text.contains("sk-ant-test-key-9999"));
        }
    }

    @Test
    void theSimFaultCommandSwitchesARunningSim(@TempDir Path dir) throws Exception {
        DetourProcess.Result r = DetourProcess.run(Map.of(), dir, 30, "sim", "fault", "--port", String.valueOf(sim.port()),
                "status", "--status", "503", "--times", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(new Fault(FaultMode.STATUS, 503, null, Fault.DEFAULT_DELAY_MS, Fault.DEFAULT_AFTER_EVENTS, 2), sim.faults().current());
        DetourProcess.Result bad = DetourProcess.run(Map.of(), dir, 30, "sim", "fault", "--port", String.valueOf(sim.port()), "status");
        assertEquals(2, bad.exitCode(), bad.toString());
    }
}
