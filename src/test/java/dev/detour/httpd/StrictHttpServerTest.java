package dev.detour.httpd;

import dev.detour.testing.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server over real loopback sockets: keep-alive, bodies, 100-continue, HEAD, streams, refusals, limits. */
class StrictHttpServerTest {
    private StrictHttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    /** Echoes the body; {@code /stream} sends two events with a pause, {@code /hold} waits for the test. */
    private final Handler echo = new Handler() {
        @Override
        public void handle(Exchange exchange) throws IOException {
            RequestHead request = exchange.request();
            if (request.path().equals("/ignore-body")) {
                exchange.sendFixed(204, 0);
                return;
            }
            if (request.path().equals("/hold")) {
                await();
            }
            if (request.path().equals("/stream")) {
                exchange.sendStream(200);
                exchange.responseBody().write("event: one\n\n".getBytes(StandardCharsets.UTF_8));
                exchange.responseBody().flush();
                await();
                exchange.responseBody().write("event: two\n\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = exchange.body().readAllBytes();
            byte[] answer = (request.method() + " " + request.target() + " " + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.responseHeaders().set("Content-Type", "text/plain");
            exchange.sendFixed(200, answer.length);
            exchange.responseBody().write(answer);
        }

        @Override
        public void refused(HttpRefusal why, Exchange exchange) throws IOException {
            byte[] answer = ("{\"refused\":\"" + why.getMessage() + "\",\"target\":\"" + why.target() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendFixed(why.status(), answer.length);
            exchange.responseBody().write(answer);
        }

        private void await() throws IOException {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
    };

    private void start(Limits limits) throws IOException {
        server = StrictHttpServer.startOnLoopback(0, echo, limits, "test-http");
    }

    private void start() throws IOException {
        start(Limits.standard());
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Reads one response whose body has a Content-Length (or none), leaving the connection usable. */
    private static String response(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String length = RawHttp.header(text, "Content-Length");
        return text + new String(in.readNBytes(length == null ? 0 : Integer.parseInt(length)), StandardCharsets.ISO_8859_1);
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void servesSeveralRequestsOnOneConnectionIncludingChunkedBodies() throws IOException {
        start();
        try (Socket socket = connect()) {
            send(socket, "POST /a?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
            String first = response(socket.getInputStream());
            assertEquals(200, RawHttp.status(first));
            assertEquals("POST /a?q=1 hello", RawHttp.body(first));
            assertNull(RawHttp.header(first, "Connection"));
            assertTrue(RawHttp.header(first, "Date").endsWith("GMT"));
            send(socket, "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
            assertEquals("POST /b abcde", RawHttp.body(response(socket.getInputStream())));
        }
    }

    @Test
    void dropsABodyTheHandlerLeftUnreadAndKeepsTheConnection() throws IOException {
        start();
        try (Socket socket = connect()) {
            send(socket, "POST /ignore-body HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcdGET /next HTTP/1.1\r\n\r\n");
            assertEquals(204, RawHttp.status(response(socket.getInputStream())));
            assertEquals("GET /next ", RawHttp.body(response(socket.getInputStream())));
        }
    }

    @Test
    void answersContinueOnlyWhenTheHandlerReadsTheBody() throws IOException {
        start();
        try (Socket socket = connect()) {
            send(socket, "POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", response(socket.getInputStream()));
            send(socket, "ok");
            assertEquals("POST /a ok", RawHttp.body(response(socket.getInputStream())));
        }
        String ignored = RawHttp.exchange(server.port(), "POST /ignore-body HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 9\r\n\r\n");
        assertTrue(ignored.startsWith("HTTP/1.1 204 "), ignored);
        assertEquals("close", RawHttp.header(ignored, "Connection"));
    }

    @Test
    void answersHeadWithTheLengthAndNoBody() throws IOException {
        start();
        String answer = RawHttp.exchange(server.port(), "HEAD /a HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(answer));
        assertEquals("8", RawHttp.header(answer, "Content-Length"));
        assertEquals("", RawHttp.body(answer));
        assertEquals("close", RawHttp.header(answer, "Connection"));
    }

    @Test
    void streamsChunksAsTheHandlerFlushesThem() throws IOException {
        start();
        try (Socket socket = connect()) {
            send(socket, "GET /stream HTTP/1.1\r\n\r\n");
            InputStream in = socket.getInputStream();
            String head = response(in);
            assertEquals("chunked", RawHttp.header(head, "Transfer-Encoding"));
            assertEquals("c\r\nevent: one\n\n\r\n", new String(in.readNBytes(17), StandardCharsets.ISO_8859_1));
            release.countDown();
            assertEquals("c\r\nevent: two\n\n\r\n0\r\n\r\n", new String(in.readNBytes(22), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void streamsToHttp10UntilClose() throws IOException {
        start();
        release.countDown();
        String answer = RawHttp.exchange(server.port(), "GET /stream HTTP/1.0\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.0 200 "), answer);
        assertNull(RawHttp.header(answer, "Transfer-Encoding"));
        assertEquals("event: one\n\nevent: two\n\n", RawHttp.body(answer));
    }

    @Test
    void refusesThroughTheHandlerAndCloses() throws IOException {
        start();
        String answer = RawHttp.exchange(server.port(), "POST /v1/x HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assertEquals(501, RawHttp.status(answer));
        assertEquals("close", RawHttp.header(answer, "Connection"));
        assertTrue(RawHttp.body(answer).contains("\"target\":\"/v1/x\""), answer);
        String badChunk = RawHttp.exchange(server.port(), "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n");
        assertEquals(400, RawHttp.status(badChunk));
        assertTrue(RawHttp.body(badChunk).contains("malformed chunk size"), badChunk);
        assertEquals(400, RawHttp.status(RawHttp.exchange(server.port(), new byte[]{1, 2, 3, '\r', '\n'}, 3000)));
    }

    @Test
    void answers408ToAHeadTrickledPastItsTimeout() throws IOException {
        start(new Limits(16 * 1024, 16 * 1024, 64 * 1024, 128, 300, 5000, 8));
        try (Socket socket = connect()) {
            send(socket, "GET /a HTTP/1.1\r\nX-Slow: ");
            long start = System.nanoTime();
            String answer = "";
            try {
                for (int i = 0; i < 20 && answer.isEmpty(); i++) {
                    send(socket, "z");
                    if (socket.getInputStream().available() > 0) {
                        answer = response(socket.getInputStream());
                    }
                    sleep(50);
                }
                if (answer.isEmpty()) {
                    answer = response(socket.getInputStream());
                }
            } catch (IOException resetWhileSending) {
                answer = response(socket.getInputStream());
            }
            assertEquals(408, RawHttp.status(answer), answer);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void closesAKeptAliveConnectionIdlePastItsLimit() throws IOException {
        start(new Limits(16 * 1024, 16 * 1024, 64 * 1024, 128, 5000, 300, 8));
        try (Socket idle = connect()) {
            send(idle, "GET /a HTTP/1.1\r\n\r\n");
            assertEquals(200, RawHttp.status(response(idle.getInputStream())));
            long start = System.nanoTime();
            assertClosedByTheServer(idle);
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "closed before the idle limit");
        }
    }

    @Test
    void aBodyThatStallsPastTheIdleLimitEndsItsConnection() throws IOException {
        start(new Limits(16 * 1024, 16 * 1024, 64 * 1024, 128, 5000, 300, 8));
        try (Socket stalled = connect()) {
            send(stalled, "POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
            assertClosedByTheServer(stalled);
        }
    }

    /** The server closes the connection well before the client's own 5 s read timeout. */
    private void assertClosedByTheServer(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read());
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the connection stayed open past its limit");
        } catch (IOException reset) {
            // closed: as good as an end of stream
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertEquals(0, server.openConnections());
    }

    @Test
    void refusesAConnectionPastTheLimitWith503() throws IOException {
        start(new Limits(16 * 1024, 16 * 1024, 64 * 1024, 128, 5000, 5000, 1));
        try (Socket held = connect()) {
            send(held, "GET /hold HTTP/1.1\r\n\r\n");
            sleep(200);
            String answer = RawHttp.exchange(server.port(), "GET /a HTTP/1.1\r\n\r\n");
            assertEquals(503, RawHttp.status(answer), answer);
            release.countDown();
            assertEquals(200, RawHttp.status(response(held.getInputStream())));
        }
    }

    @Test
    void closesIdleConnectionsWhenItStopsAccepting() throws IOException {
        start();
        try (Socket idle = connect()) {
            send(idle, "GET /a HTTP/1.1\r\n\r\n");
            assertEquals(200, RawHttp.status(response(idle.getInputStream())));
            assertEquals(1, server.openConnections());
            server.stopAccepting(5);
            try {
                assertEquals(-1, idle.getInputStream().read());
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the idle connection stayed open");
            } catch (IOException reset) {
                // closed: as good as an end of stream
            }
            assertFalse(canConnect());
        }
    }

    private boolean canConnect() {
        try (Socket ignored = connect()) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
