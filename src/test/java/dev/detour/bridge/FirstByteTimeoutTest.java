package dev.detour.bridge;

import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upstream that accepts the connection and never answers fails over after {@code first_byte_timeout_s}, long
 * before the idle limit (90 s here) would cut it, streaming or not. The agent's own client gives up after 20 s, a
 * generous bound on a 1 s limit.
 */
class FirstByteTimeoutTest {
    @TempDir
    Path dir;
    BridgeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(dir);
        f.sim("silent");
        f.sim("fallback");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private void config(String settingsLimit, String upstreamLimit, int silentPort) throws Exception {
        f.write("[settings]\nidle_timeout_s = 90\n" + settingsLimit + "\n\n"
                + "[upstreams.silent]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + silentPort + "\"\n"
                + "auth = \"passthrough\"\n" + upstreamLimit + "\n\n"
                + "[upstreams.fallback]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + f.sims.get("fallback").port()
                + "\"\nauth = \"passthrough\"\n\n"
                + "[sessions.main]\nport = " + f.port + "\nroute = [\"silent\", \"fallback\"]\nfailover = \"same-family\"\n");
        f.start();
    }

    private void assertFailedOverOnTheLimit(boolean stream, BridgeFixture.Answer a) throws Exception {
        assertEquals(200, a.status(), a.body());
        assertTrue(a.body().contains("Answer from fallback"), a.body());
        if (stream) {
            assertTrue(a.body().trim().endsWith("data: {\"type\":\"message_stop\"}"), a.body());
        }
        BridgeStats.RequestRecord r = f.stats().requests().get(0);
        assertEquals("fallback", r.upstream());
        assertTrue(r.attempts().get(0).startsWith("silent:no response headers within 1 s (first_byte_timeout_s)"),
                r.attempts().toString());
        assertEquals("outage", f.stats().upstreams().get("silent").classes().keySet().iterator().next());
        assertEquals(1, f.events("failover").size());
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void aSimUpstreamThatNeverAnswersFailsOverOnTheSettingsLimit(boolean stream) throws Exception {
        f.fault("silent", "{\"mode\":\"no-answer\"}");
        config("first_byte_timeout_s = 1", "", f.sims.get("silent").port());
        assertFailedOverOnTheLimit(stream, f.send(f.messages(stream, "hi").build()));
    }

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {true, false})
    void aSocketThatAcceptsAndStaysSilentFailsOverOnTheUpstreamsOwnLimit(boolean stream) throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "silent-upstream");
            acceptor.setDaemon(true);
            acceptor.start();
            config("", "first_byte_timeout_s = 1", silent.getLocalPort());
            assertFailedOverOnTheLimit(stream, f.send(f.messages(stream, "hi").build()));
        } finally {
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
