package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.testing.RawHttp;
import okio.BufferedSink;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge's own answers at its HTTP edge, before anything is forwarded: unknown paths, requests the HTTP server
 * refuses (in the dialect their path names), bodies too large, a bridge that drains. Each asserts status, body and
 * the headers the agent acts on; each test has its own bridge.
 */
class BridgeEdgeAnswersTest {
    @TempDir
    Path dir;
    BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = BridgeFixture.onePassthroughUpstream(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private String raw(String request) throws IOException {
        return RawHttp.exchange(f.port, request.replace("TOKEN", f.token));
    }

    private static JsonNode json(String answer) throws IOException {
        assertEquals("application/json", RawHttp.header(answer, "Content-Type"), answer);
        return BridgeFixture.JSON.readTree(RawHttp.body(answer));
    }

    /** An Anthropic error body: {@code {"type":"error","error":{"type":TYPE,"message":...}}}; returns the message. */
    private static String anthropicError(String answer, String type) throws IOException {
        JsonNode body = json(answer);
        assertEquals("error", body.path("type").asText(), answer);
        assertEquals(type, body.path("error").path("type").asText(), answer);
        return body.path("error").path("message").asText();
    }

    /** An OpenAI (Responses) error body: {@code {"error":{"message":...}}} without a top-level type; returns the message. */
    private static String responsesError(String answer) throws IOException {
        JsonNode body = json(answer);
        assertFalse(body.has("type"), "not the Anthropic shape: " + answer);
        assertTrue(body.path("error").isObject(), answer);
        return body.path("error").path("message").asText();
    }

    private int upstreamRequests() throws IOException {
        return f.simRequests("primary").path("count").asInt();
    }

    @Test
    void aPathNoApiServesIsA404() throws Exception {
        String answer = raw("GET /t/TOKEN/v2/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(404, RawHttp.status(answer), answer);
        assertTrue(anthropicError(answer, "not_found_error").contains("no such path"), answer);
        assertEquals(0, upstreamRequests());
    }

    @Test
    void anUnknownControlPathIsA404NamingIt() throws Exception {
        String answer = raw("GET /t/TOKEN/_detour/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(404, RawHttp.status(answer), answer);
        assertTrue(anthropicError(answer, "not_found_error").contains("unknown control path /_detour/nothing"), answer);
    }

    @Test
    void aResponsesRequestThatIsNotAPostIsA400InTheResponsesShape() throws Exception {
        String answer = raw("GET /t/TOKEN/v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(400, RawHttp.status(answer), answer);
        assertTrue(responsesError(answer).contains("GET /v1/responses is not served; Codex POSTs"), answer);
        assertEquals(0, upstreamRequests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/responses", "/v1/responses?stream=true"})
    void aRefusedRequestIsAnsweredInTheDialectOfItsPath(String path) throws Exception {
        String answer = raw("POST /t/TOKEN" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertEquals(501, RawHttp.status(answer), answer);
        assertTrue(responsesError(answer).contains("unsupported Transfer-Encoding"), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/t/not-the-token/v1/responses", "/t/TOKEN/v1/../../responses", "/v1/responses"})
    void aRefusedRequestWithoutAValidTokenAndPathIsAnsweredInTheAnthropicShape(String target) throws Exception {
        String answer = raw("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n\r\n");
        assertEquals(501, RawHttp.status(answer), answer);
        assertTrue(anthropicError(answer, "invalid_request_error").contains("unsupported Transfer-Encoding"), answer);
    }

    @Test
    void aRequestLineThatCannotBeReadIsA400InTheAnthropicShape() throws Exception {
        String answer = raw("NONSENSE\r\n\r\n");
        assertEquals(400, RawHttp.status(answer), answer);
        assertTrue(anthropicError(answer, "invalid_request_error").contains("malformed request line"), answer);
    }

    /** The 413's size: the bridge's limit in MiB, at most {@link BridgeServer#MAX_BODY}. */
    private static void assertTooLarge(int status, String connection, String body) throws IOException {
        assertEquals(413, status, body);
        assertEquals("close", connection, "the rest of a refused body is not read as a next request");
        JsonNode error = BridgeFixture.JSON.readTree(body);
        assertEquals("request_too_large", error.path("error").path("type").asText(), body);
        Matcher size = Pattern.compile("larger than (\\d+) MiB").matcher(error.path("error").path("message").asText());
        assertTrue(size.find(), body);
        int mib = Integer.parseInt(size.group(1));
        assertTrue(mib >= 1 && mib <= BridgeServer.MAX_BODY / (1024 * 1024), body);
    }

    @Test
    void aDeclaredBodyTooLargeIsReadToItsEndThenRefused() throws Exception {
        // a raw client that sends the whole body before it reads: a bridge that answered without reading the
        // body would reset the connection under it
        int length = BridgeServer.MAX_BODY + 1;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.port), 2000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /t/" + f.token + "/v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int sent = 0; sent < length; sent += block.length) {
                out.write(block, 0, Math.min(block.length, length - sent));
            }
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTooLarge(RawHttp.status(answer), RawHttp.header(answer, "Connection"), RawHttp.body(answer));
        }
        assertEquals(0, upstreamRequests());
    }

    @Test
    void aChunkedBodyTooLargeIsRefused() throws Exception {
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return BridgeFixture.JSON_TYPE;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                byte[] block = new byte[1024 * 1024];
                java.util.Arrays.fill(block, (byte) ' ');
                for (int i = 0; i < BridgeServer.MAX_BODY / block.length; i++) {
                    sink.write(block);
                }
                sink.write(new byte[]{' '});
            }
        };
        BridgeFixture.Answer a = f.send(new Request.Builder().url(f.url("/v1/messages")).post(chunked).build());
        assertTooLarge(a.status(), a.headers().get("Connection"), a.body());
        assertEquals(0, upstreamRequests());
    }

    @Test
    void aGzippedBodyThatInflatesTooLargeIsRefused() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            for (int i = 0; i <= BridgeServer.MAX_BODY / block.length; i++) {
                gzip.write(block);
            }
        }
        BridgeFixture.Answer a = f.send(new Request.Builder().url(f.url("/v1/messages")).header("Content-Encoding", "gzip")
                .post(RequestBody.create(zipped.toByteArray(), BridgeFixture.JSON_TYPE)).build());
        assertTooLarge(a.status(), a.headers().get("Connection"), a.body());
        assertEquals(0, upstreamRequests());
    }

    @Test
    void aDrainingBridgeTakesNoNewConnectionAndTellsARequestStillArrivingToRetry() throws Exception {
        // connections that sent the start of a head are busy, not idle: draining leaves them open
        List<Socket> started = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), f.port), 2000);
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("POST /t/" + f.token + "/v1/messages HTTP/1.1\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                started.add(socket);
            }
            Thread.sleep(300); // the server reads the first bytes; a connection it had not yet read from is closed as idle
            f.bridge.drain(5, "test");
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), f.port).close(),
                    "a draining bridge accepts no connection");
            int toldToRetry = 0;
            for (Socket socket : started) {
                byte[] body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
                String answer;
                try {
                    socket.getOutputStream().write(("Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().write(body);
                    socket.getOutputStream().flush();
                    answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                } catch (IOException closedAsIdle) {
                    continue;
                }
                if (answer.isEmpty()) {
                    continue;
                }
                assertEquals(503, RawHttp.status(answer), answer);
                assertEquals("close", RawHttp.header(answer, "Connection"), answer);
                assertTrue(anthropicError(answer, "overloaded_error").contains("shutting down; retry"), answer);
                toldToRetry++;
            }
            assertTrue(toldToRetry > 0, "no request arrived while draining");
            assertEquals(0, upstreamRequests());
        } finally {
            for (Socket socket : started) {
                socket.close();
            }
        }
    }
}
