package dev.detour.httpd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A port that listens before the server runs: a client connecting meanwhile waits and is then answered. */
class EarlyListenTest {
    private final Handler hello = new Handler() {
        @Override
        public void handle(Exchange exchange) throws IOException {
            byte[] answer = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendFixed(200, answer.length);
            exchange.responseBody().write(answer);
        }

        @Override
        public void refused(HttpRefusal why, Exchange exchange) throws IOException {
            exchange.sendFixed(why.status(), 0);
        }
    };

    @Test
    void aRequestSentBeforeTheServerRunsIsAnswered() throws Exception {
        ServerSocket listener = StrictHttpServer.listenOnLoopback(0);
        StrictHttpServer server = null;
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 2000);
            client.setSoTimeout(5000);
            client.getOutputStream().write("GET /early HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            server = StrictHttpServer.serve(listener, hello, Limits.standard(), "test-early");
            InputStream in = client.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.endsWith("\r\n\r\nhello"), answer);
        } finally {
            if (server != null) {
                server.close();
            } else {
                listener.close();
            }
        }
    }
}
