package dev.detour.sim;

import dev.detour.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sim speaks HTTP/1.1 the way real upstreams do: HEAD has no body, {@code Expect: 100-continue} is honoured. */
class SimHttpTest {
    SimServer sim;

    @BeforeEach
    void start() throws Exception {
        sim = SimServer.start(new AnthropicSim("s"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
    }

    @Test
    void headAnswersWithoutABodySoThatTheConnectionStaysUsable() throws Exception {
        String both = RawHttp.exchange(sim.port(), "HEAD /v1/models HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(both), both);
        String afterHead = RawHttp.body(both);
        assertTrue(afterHead.startsWith("HTTP/1.1 200 "), "the GET's answer follows the HEAD's headers at once: " + both);
        assertTrue(RawHttp.body(afterHead).contains("\"data\""), both);
    }

    @Test
    void aClientThatExpectsContinueGetsItAndThenItsAnswer() throws Exception {
        byte[] body = ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(1_000_000) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), sim.port()), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String interim = new String(in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length()), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim);
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertEquals(200, RawHttp.status(text), text);
        }
    }
}
