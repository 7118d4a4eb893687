package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.sim.AnthropicSim;
import dev.detour.sim.SimServer;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies under the documented limit must never cost the bridge its heap: a bridge process with a 128 MiB heap gets
 * concurrent 10 MiB requests and upstream replies and event lines of 60 MiB; every request gets an answer.
 */
class BridgeMemoryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    SimServer sim;
    BridgeProcess bridge;
    HugeUpstream huge;

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (huge != null) {
            huge.close();
        }
    }

    private void startBridge(String upstreamUrl) throws Exception {
        Path config = dir.resolve("detour.toml");
        int port = FreePort.pick();
        Files.writeString(config, "[upstreams.up]\nfamily = \"anthropic\"\nbase_url = \"" + upstreamUrl + "\"\n"
                + "auth = \"passthrough\"\n\n[sessions.main]\nport = " + port + "\nroute = [\"up\"]\n");
        bridge = BridgeProcess.start(config, "main", port, dir.resolve("state"), Map.of("JAVA_TOOL_OPTIONS", "-Xmx128m"));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + "/v1/messages"))
                .header("x-api-key", "sk-ant-" + "memory-test-0000").header("content-type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String request(int contentBytes) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"stream\":false,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + "x".repeat(contentBytes) + "\"}]}";
    }

    @Test
    void concurrentTenMiBRequestsAreAllAnsweredAndRecorded() throws Exception {
        sim = SimServer.start(new AnthropicSim("sim"), 0);
        startBridge("http://127.0.0.1:" + sim.port());
        ExecutorService agents = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(agents.submit(() -> post(request(10 * 1024 * 1024))));
            }
            int forwarded = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                JsonNode body = JSON.readTree(r.body());
                assertTrue(r.statusCode() == 200 || r.statusCode() == 503 && r.headers().firstValue("retry-after").isPresent(),
                        r.statusCode() + " " + r.body());
                assertTrue(body.has("type"), r.body());
                forwarded += r.statusCode() == 200 ? 1 : 0;
            }
            assertTrue(forwarded >= 2, "at least two fit the heap at once");
            assertEquals(forwarded, JSON.readTree(bridge.stats()).path("requests").size(), bridge.stats());
        } finally {
            agents.shutdownNow();
        }
        assertEquals(200, post(request(10)).statusCode(), "the bridge still serves");
    }

    @Test
    void aTooLargeRequestIsA413() throws Exception {
        sim = SimServer.start(new AnthropicSim("sim"), 0);
        startBridge("http://127.0.0.1:" + sim.port());
        HttpResponse<String> r = post(request(40 * 1024 * 1024));
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("request_too_large", JSON.readTree(r.body()).path("error").path("type").asText());
    }

    @Test
    void anUpstreamReplyOrEventLineTooLargeToHoldIsAFailureWithItsReason() throws Exception {
        for (boolean events : List.of(false, true)) {
            huge = new HugeUpstream(events);
            startBridge("http://127.0.0.1:" + huge.port());
            HttpResponse<String> r = post(request(10));
            assertTrue(r.statusCode() >= 500, r.statusCode() + " " + r.body());
            assertEquals("error", JSON.readTree(r.body()).path("type").asText(), r.body());
            JsonNode record = JSON.readTree(bridge.stats()).path("requests").get(0);
            for (long end = System.nanoTime() + 5_000_000_000L; record == null && System.nanoTime() < end; ) {
                Thread.sleep(50);
                record = JSON.readTree(bridge.stats()).path("requests").get(0);
            }
            String attempts = record.path("attempts").toString();
            assertTrue(attempts.contains(events ? "event-line-longer-than" : "reply larger than"), attempts);
            bridge.close();
            bridge = null;
            huge.close();
            huge = null;
        }
    }

    /** An upstream whose every answer is 60 MiB: one whole JSON body, or one event-stream line. */
    static final class HugeUpstream implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();

        HugeUpstream(boolean events) throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        skipRequest(s.getInputStream());
                        OutputStream out = s.getOutputStream();
                        long size = 60L * 1024 * 1024;
                        out.write((events
                                ? "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\ndata: "
                                : "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        byte[] chunk = new byte[1024 * 1024];
                        java.util.Arrays.fill(chunk, (byte) 'x');
                        for (long sent = 0; sent < size; sent += chunk.length) {
                            out.write(chunk);
                        }
                        out.flush();
                    } catch (IOException gone) {
                        // the bridge gave up on the reply, as it should
                    }
                }
            }, "huge-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void skipRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    return;
                }
                head.append((char) c);
            }
            String text = head.toString().toLowerCase(java.util.Locale.ROOT);
            int at = text.indexOf("content-length:");
            if (at >= 0) {
                in.readNBytes(Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim()));
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
