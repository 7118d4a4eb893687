package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.testing.RawHttp;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an outsider can send a bridge: paths that climb out of the upstream's prefix, odd header lists, hostile configs. */
class HostileAgentTest {
    static final String GATEWAY_KEY = "sk-ant-" + "gateway-env-key-3333"; // split: not a real key

    @TempDir
    Path dir;
    BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(dir);
        f.sim("gateway");
        f.sim("plain");
        f.env.put("GATEWAY_KEY", GATEWAY_KEY);
        f.write(config("gateway"));
        f.start();
    }

    private String config(String route) {
        return "[settings]\nidle_timeout_s = 5\n\n[upstreams.gateway]\nfamily = \"anthropic\"\n"
                + "base_url = \"http://127.0.0.1:" + f.sims.get("gateway").port() + "/gateway/anthropic\"\n"
                + "auth = \"env:GATEWAY_KEY\"\n\n[upstreams.plain]\nfamily = \"anthropic\"\n"
                + "base_url = \"http://127.0.0.1:" + f.sims.get("plain").port() + "\"\nauth = \"passthrough\"\n\n"
                + "[sessions.main]\nport = " + f.port + "\nroute = [\"" + route + "\"]\n";
    }

    /** Routes the session to the upstream without a path prefix, whose sim answers every API path. */
    private void routeToPlain() throws Exception {
        f.write(config("plain"));
        new BridgeClient(BridgeClient.baseUrl(f.port, f.token)).reload();
        assertEquals(java.util.List.of("plain"), f.stats().route());
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private String raw(String method, String path, String... headers) throws IOException {
        StringBuilder request = new StringBuilder(method + " /t/" + f.token + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        return RawHttp.exchange(f.port, request.append("Connection: close\r\n\r\n").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/../../../admin/secret", "/v1/%2e%2e/%2e%2e/%2e%2e/admin/secret",
            "/v1/%2E%2E/%2E%2E/admin", "/v1/..%2f..%2fadmin", "/v1/./../admin", "/v1/%252e%252e/admin", "/v1/models%00/x"})
    void aPathThatLeavesTheApiIsRefusedBeforeAnyCredential(String path) throws Exception {
        String answer = raw("GET", path);
        assertEquals(400, RawHttp.status(answer), answer);
        JsonNode error = BridgeFixture.JSON.readTree(RawHttp.body(answer));
        assertEquals("error", error.path("type").asText());
        assertEquals("invalid_request_error", error.path("error").path("type").asText(), answer);
        assertEquals(0, f.simRequests("gateway").path("count").asInt(), "nothing reached the upstream");
    }

    @Test
    void dotSegmentsThatStayInsideTheApiAreNormalised() throws Exception {
        String answer = raw("GET", "/v1/messages/../models");
        assertEquals(404, RawHttp.status(answer), "the sim knows no prefix, the bridge passes its 404 on: " + answer);
        assertEquals("/gateway/anthropic/v1/models", f.simRequests("gateway").path("requests").get(0).path("path").asText());
    }

    @Test
    void repeatedConnectionTokensFromTheAgentAreOneToken() throws Exception {
        routeToPlain();
        String answer = raw("GET", "/v1/models", "Connection: keep-alive, Keep-Alive", "Keep-Alive: timeout=5");
        assertEquals(200, RawHttp.status(answer), answer);
        assertTrue(RawHttp.body(answer).contains("\"data\""), answer);
    }

    @Test
    void repeatedConnectionTokensFromTheUpstreamAreOneToken() throws Exception {
        try (OneShotUpstream odd = new OneShotUpstream("Connection: close, Close")) {
            f.write(config("gateway").replace("route = [\"gateway\"]", "route = [\"odd\"]")
                    + "\n[upstreams.odd]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + odd.port() + "\"\n"
                    + "auth = \"env:GATEWAY_KEY\"\n");
            f.bridge.close();
            f.bridge = null;
            f.start();
            BridgeFixture.Answer a = f.send(f.messages(false, "hi").build());
            assertEquals(200, a.status(), a.body());
            assertEquals("{\"odd\":true}", a.body());
            assertEquals(200, awaitStats(s -> !s.requests().isEmpty()).requests().get(0).status());
        }
    }

    @Test
    void anAgentsExpectContinueIsAnsweredByTheBridgeAndNotForwarded() throws Exception {
        routeToPlain();
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String answer = RawHttp.exchange(f.port, "POST /t/" + f.token + "/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nx-api-key: " + BridgeFixture.AGENT_KEY + "\r\nExpect: 100-continue\r\n"
                + "Connection: close\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        assertTrue(answer.contains("HTTP/1.1 200 OK"), answer);
        JsonNode seen = f.simRequests("plain").path("requests").get(0).path("headers");
        assertTrue(seen.path("expect").isMissingNode(), seen.toString());
    }

    @Test
    void anAgentThatAsksToCloseIsToldTheConnectionCloses() throws Exception {
        routeToPlain();
        String answer = raw("GET", "/v1/models");
        assertEquals(200, RawHttp.status(answer), answer);
        assertEquals("close", RawHttp.header(answer, "Connection"), answer);
    }

    @Test
    void credentialsInTheQueryStringAreNotLogged() throws Exception {
        routeToPlain();
        String answer = raw("GET", "/v1/models?key=AIzaQuerySecret0001&beta=true&access_token=tok-secret-0002");
        assertEquals(200, RawHttp.status(answer), answer);
        String log = requestLogged(f.paths.logFile("main"), "beta=true");
        assertTrue(log.contains("beta=true"), log);
        assertFalse(log.contains("AIzaQuerySecret0001") || log.contains("tok-secret-0002"), log);
        assertTrue(log.contains("key=[redacted]"), log);
    }

    @Test
    void hotReloadOutlivesAConfigNestedThousandsDeep() throws Exception {
        String deep = config("gateway") + "\n[extra]\nx = " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        f.write(deep);
        String error = awaitStats(s -> s.configError() != null).configError();
        assertTrue(error.contains("detour.toml:19:") && error.contains("nested more than"), error);
        assertNotNull(f.stats().route());

        f.write(config("gateway").replace("idle_timeout_s = 5", "idle_timeout_s = 6"));
        BridgeStats after = awaitStats(s -> s.configError() == null && s.configVersion() == 2);
        assertEquals(2, after.configVersion());
    }

    private BridgeStats awaitStats(java.util.function.Predicate<BridgeStats> until) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        BridgeStats stats = f.stats();
        while (!until.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stats = f.stats();
        }
        assertTrue(until.test(stats), "stats never got there: " + stats);
        return stats;
    }

    /** An upstream on a raw socket that answers each request with a fixed JSON body and the given extra header. */
    static final class OneShotUpstream implements AutoCloseable {
        private final ServerSocket server = new ServerSocket();
        private final Thread thread;

        OneShotUpstream(String header) throws IOException {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        readRequest(s.getInputStream());
                        byte[] body = "{\"odd\":true}".getBytes(StandardCharsets.UTF_8);
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + header
                                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        s.getOutputStream().write(body);
                        s.getOutputStream().flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "one-shot-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void readRequest(InputStream in) throws IOException {
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
                int n = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
                in.readNBytes(n);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** The log once it holds {@code marker}: a request's line is written just after its answer was delivered. */
    private static String requestLogged(Path log, String marker) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        String text = Files.readString(log);
        while (!text.contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            text = Files.readString(log);
        }
        return text;
    }
}
