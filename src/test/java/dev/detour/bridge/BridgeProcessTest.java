package dev.detour.bridge;

import dev.detour.sim.AnthropicSim;
import dev.detour.sim.SimServer;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code detour bridge} as a real process: private token and folders, redacted log, SIGTERM drain, bad starts. */
class BridgeProcessTest {
    @TempDir
    Path dir;

    private Path config(int port, int simPort) throws IOException {
        return Files.writeString(dir.resolve("detour.toml"), "[upstreams.sim]\nfamily = \"anthropic\"\n"
                + "base_url = \"http://127.0.0.1:" + simPort + "\"\nauth = \"env:SIM_KEY\"\n\n"
                + "[sessions.main]\nport = " + port + "\nroute = [\"sim\"]\n");
    }

    @Test
    void sigtermLetsTheStreamInFlightFinishThenExitsZero() throws Exception {
        try (SimServer sim = SimServer.start(new AnthropicSim("slow"), 0)) {
            int port = FreePort.pick();
            Path config = config(port, sim.port());
            try (BridgeProcess bridge = BridgeProcess.start(config, "main", port, dir.resolve("state"),
                    Map.of("SIM_KEY", "sk-ant-sim-key-7777"))) {
                Path bridges = bridge.stateDir().resolve("bridges");
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bridges.resolve("main.token"))));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bridges)));
                assertTrue(bridge.token().length() >= 43, "32 random bytes");

                sim.faults().set(dev.detour.sim.Fault.fromJson(BridgeFixture.JSON.readTree(
                        "{\"mode\":\"slow-first-token\",\"delay_ms\":1500}")));
                OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();
                Request request = new Request.Builder().url(bridge.baseUrl() + "/v1/messages")
                        .header("x-api-key", "sk-ant-agent-8888")
                        .post(RequestBody.create("{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,\"messages\":"
                                + "[{\"role\":\"user\",\"content\":\"drain me\"}]}", MediaType.get("application/json"))).build();
                CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
                    try (Response r = http.newCall(request).execute()) {
                        return r.code() + "\n" + r.body().string();
                    } catch (IOException e) {
                        return "failed: " + e;
                    }
                });
                BridgeBreakerAndReloadTest.waitFor(() -> bridge.stats().contains("\"in_flight\":1"), "the stream in flight");
                bridge.process().process().destroy();
                BridgeBreakerAndReloadTest.waitFor(() -> !canConnect(port), "the bridge to stop accepting");
                String answer = inFlight.get(15, TimeUnit.SECONDS);
                assertTrue(answer.startsWith("200\n") && answer.contains("END-OF-ANSWER") && answer.contains("message_stop"), answer);
                assertTrue(bridge.process().process().waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, bridge.process().process().exitValue());

                String events = Files.readString(bridge.stateDir().resolve("events.jsonl"));
                assertTrue(events.contains("\"kind\":\"bridge_start\""), events);
                assertTrue(events.contains("\"kind\":\"bridge_exit\",\"session\":\"main\",\"reason\":\"SIGTERM: drained 1 request(s)\""), events);
                String log = Files.readString(bridges.resolve("main.log"));
                assertTrue(log.contains("drain me") || log.contains("POST /v1/messages"), log);
                for (String secret : new String[]{bridge.token(), "sk-ant-sim-key-7777", "sk-ant-agent-8888"}) {
                    assertFalse(log.contains(secret), "log leaks a credential:\n" + log);
                }
                http.connectionPool().evictAll();
            }
        }
    }

    private static boolean canConnect(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    void theTestHelperMovesABridgeWhosePortWasTakenMeanwhile() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = config(taken.getLocalPort(), FreePort.closed());
            try (BridgeProcess bridge = BridgeProcess.start(config, "main", taken.getLocalPort(), dir.resolve("state"), Map.of())) {
                assertTrue(bridge.port() != taken.getLocalPort());
                assertTrue(Files.readString(config).contains("port = " + bridge.port() + "\n"));
                assertTrue(bridge.stats().contains("\"port\":" + bridge.port()), bridge.stats());
            }
        }
    }

    @Test
    void aTakenPortIsARuntimeErrorAndAnUnknownSessionAUsageError() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path config = config(taken.getLocalPort(), FreePort.closed());
            Map<String, String> env = Map.of("XDG_STATE_HOME", dir.resolve("state").toString());
            DetourProcess.Result busy = DetourProcess.run(env, dir, 30, "bridge", "main", "--config", config.toString());
            assertEquals(1, busy.exitCode(), busy.toString());
            assertTrue(busy.stderr().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), busy.stderr());
            DetourProcess.Result unknown = DetourProcess.run(env, dir, 30, "bridge", "nope", "--config", config.toString());
            assertEquals(2, unknown.exitCode());
            assertTrue(unknown.stderr().contains("no session \"nope\""), unknown.stderr());
        }
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", FreePort.closed()).close());
    }
}
