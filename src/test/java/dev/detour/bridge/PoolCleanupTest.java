package dev.detour.bridge;

import com.sun.net.httpserver.HttpServer;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pool whose clean-up thread is never woken early still closes connections idle past the keep-alive. */
class PoolCleanupTest {
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aConnectionIdlePastTheKeepAliveIsClosedWithinTheCheckInterval() throws Exception {
        ConnectionPool pool = PoolCleanup.pool(5, 200);
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(pool).build();
        try (Response response = client.newCall(new Request.Builder()
                .url("http://127.0.0.1:" + server.getAddress().getPort() + "/").build()).execute()) {
            assertEquals("ok", response.body().string());
        }
        assertEquals(1, pool.idleConnectionCount(), "the connection is kept for the next call");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + 3 * PoolCleanup.CHECK_MS);
        while (pool.connectionCount() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        assertEquals(0, pool.connectionCount(), "the idle connection outlived its keep-alive by more than the check interval");
        client.dispatcher().executorService().shutdown();
    }
}
