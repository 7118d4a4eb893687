package dev.detour.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code detour status} with health, as a real process, against {@code detour sim} upstreams and a closed port. */
class StatusHealthProcessTest {
    @TempDir
    Path dir;
    @TempDir
    static Path certDir;
    static Loopback.TestCert cert;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = Loopback.TestCert.generate(certDir);
    }

    private Map<String, String> env(String javaOptions) {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_TOOL_OPTIONS", javaOptions);
        return env;
    }

    private Path config(String text) throws IOException {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String row(String stdout, String upstream) {
        return stdout.lines().filter(l -> l.startsWith(upstream + " ") && (l.contains("●") || l.contains("✖")
                || l.contains("▲") || l.contains("?"))).findFirst().orElseThrow(() -> new AssertionError("no health row for "
                + upstream + " in:\n" + stdout));
    }

    @Test
    void aHealthySimA529SimAndAClosedPortEachGetTheirStateReasonAndAdvice() throws Exception {
        try (SimProcess healthy = SimProcess.start(dir, "anthropic", "healthy-sim");
             SimProcess overloaded = SimProcess.start(dir, "anthropic", "busy-sim");
             Loopback.Server control = Loopback.https(cert, new Loopback.Answer(204, "text/plain", "", Map.of(), 0))) {
            overloaded.fault("{\"mode\":\"status\",\"status\":529}");
            int closed = Loopback.closedPort();
            Path file = config("[settings]\ncontrol_hosts = [\"127.0.0.1:" + control.port() + "\"]\n\n"
                    + DoctorCommandTest.upstream("healthy", healthy.baseUrl(), "passthrough")
                    + DoctorCommandTest.upstream("busy", overloaded.baseUrl(), "passthrough")
                    + DoctorCommandTest.upstream("gone", "http://127.0.0.1:" + closed, "passthrough")
                    + "[sessions.main]\nport = 18781\nroute = [\"busy\", \"healthy\"]\n\n"
                    + "[sessions.api]\nport = 18782\nroute = [\"gone\", \"healthy\"]\n");

            DetourProcess.Result r = DetourProcess.run(env(cert.trustStoreOptions()), dir, 60, "status", "--timeout", "20", "--config", file.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            String out = r.stdout();
            assertTrue(row(out, "healthy").matches("healthy +● healthy +\\d+ ms +healthy \\(models listed, \\d+ ms\\)"), row(out, "healthy"));
            assertTrue(row(out, "busy").matches("busy +✖ down +\\d+ ms +overloaded \\(529 overloaded_error: Overloaded\\)"), row(out, "busy"));
            assertTrue(row(out, "gone").matches("gone +✖ down +unreachable \\(connection refused at connect\\)"), row(out, "gone"));
            assertTrue(out.contains("control hosts: 127.0.0.1:" + control.port() + " reachable\n"), out);
            List<String> advice = out.lines().dropWhile(l -> !l.equals("ADVICE")).skip(1).toList();
            assertEquals(4, advice.size(), out);
            assertTrue(advice.get(0).matches("busy: overloaded \\(529 overloaded_error: Overloaded\\) → reroute main to healthy \\(healthy, \\d+ ms\\)"), advice.get(0));
            assertEquals("  detour reroute main --to healthy", advice.get(1));
            assertTrue(advice.get(2).matches("gone: unreachable \\(connection refused at connect\\) → reroute api to healthy \\(healthy, \\d+ ms\\)"), advice.get(2));
            assertEquals("  detour reroute api --to healthy", advice.get(3));
            assertTrue(overloaded.requests().contains("/v1/models"), "the probe asks for models, never messages");
            assertFalse(overloaded.requests().contains("/v1/messages"), "no probe spends tokens");

            DetourProcess.Result json = DetourProcess.run(env(cert.trustStoreOptions()), dir, 60, "status", "--timeout", "20", "--json", "--config", file.toString());
            assertEquals(0, json.exitCode(), json.stderr());
            JsonNode health = new ObjectMapper().readTree(json.stdout()).get("health");
            JsonNode busy = health.get("upstreams").get(1);
            assertEquals("busy", busy.get("name").asText());
            assertEquals("down", busy.get("state").asText());
            assertEquals("overloaded", busy.get("failure_class").asText());
            assertEquals("✖ down", busy.get("label").asText());
            assertEquals(529, busy.get("probe").get("status").asInt());
            assertEquals("http", busy.get("probe").get("failed_rung").asText());
            assertEquals(4, busy.get("probe").get("rungs").size());
            JsonNode gone = health.get("upstreams").get(2);
            assertEquals("connect", gone.get("probe").get("failed_rung").asText());
            assertFalse(health.get("edge").get("edge").asBoolean());
            assertEquals("detour reroute main --to healthy", health.get("advice").get(0).get("command").asText());
            assertEquals("main", health.get("advice").get(0).get("sessions").get(0).asText());
        }
    }

    @Test
    void freshTrafficThroughARunningBridgeWinsOverTheProbe() throws Exception {
        try (SimProcess healthy = SimProcess.start(dir, "anthropic", "healthy-sim");
             SimProcess overloaded = SimProcess.start(dir, "anthropic", "busy-sim");
             Loopback.Server control = Loopback.https(cert, new Loopback.Answer(204, "text/plain", "", Map.of(), 0))) {
            overloaded.fault("{\"mode\":\"status\",\"status\":529}");
            int port = FreePort.pick();
            Path file = config("[settings]\ncontrol_hosts = [\"127.0.0.1:" + control.port() + "\"]\n\n"
                    + DoctorCommandTest.upstream("busy", overloaded.baseUrl(), "passthrough")
                    + DoctorCommandTest.upstream("healthy", healthy.baseUrl(), "passthrough")
                    + "[sessions.main]\nport = " + port + "\nroute = [\"busy\", \"healthy\"]\n");
            Path state = dir.resolve("state");
            try (BridgeProcess bridge = BridgeProcess.start(file, "main", port, state, Map.of())) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                for (int i = 0; i < 4; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + "/v1/messages"))
                            .timeout(Duration.ofSeconds(10)).header("x-api-key", "sk-ant-test-key")
                            .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, r.statusCode(), r.body());
                }
                DetourProcess.Result r = DetourProcess.run(env(cert.trustStoreOptions()), dir, 60, "status", "--timeout", "20", "--config", file.toString());
                assertEquals(0, r.exitCode(), r.stderr());
                String out = r.stdout();
                assertTrue(row(out, "busy").matches("busy +✖ down +(\\d+ ms +)?100% +overloaded \\(529 on \\d of \\d recent requests, newest \\d+ s ago\\)"),
                        row(out, "busy"));
                assertTrue(row(out, "healthy").matches("healthy +● healthy +\\d+ ms +0% +healthy \\(4 recent requests ok, first byte \\d+ ms\\)"),
                        row(out, "healthy"));
                assertTrue(out.contains("\nbusy: overloaded (529 on "), out);
                assertTrue(out.contains(" → reroute main to healthy (healthy, "), out);

                DetourProcess.Result json = DetourProcess.run(env(cert.trustStoreOptions()), dir, 60, "status", "--timeout", "20", "--json", "--config", file.toString());
                JsonNode busy = new ObjectMapper().readTree(json.stdout()).get("health").get("upstreams").get(0);
                assertEquals("traffic", busy.get("source").asText());
                assertEquals(1, busy.get("passive").get("bridges").asInt());
                assertEquals("overloaded", busy.get("probe").get("failure_class").asText(), "the probe agrees, but traffic decided");
            }
        }
    }

    @Test
    void whenDnsFailsForEveryUpstreamAndTheControlHostTheVerdictIsEdge() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        Path file = config("[settings]\ncontrol_hosts = [\"control.example\"]\n\n"
                + DoctorCommandTest.upstream("anthropic", "https://api.anthropic.example", "passthrough")
                + "[upstreams.openai]\nfamily = \"openai\"\nbase_url = \"https://api.openai.example/v1\"\nauth = \"env:OPENAI_API_KEY\"\n\n"
                + "[sessions.main]\nport = 18781\nroute = [\"anthropic\", \"openai\"]\n");
        // The JDK resolves from this file alone: every lookup fails here, and no DNS server is asked.
        DetourProcess.Result r = DetourProcess.run(env("-Djdk.net.hosts.file=" + hosts), dir, 60,
                "status", "--timeout", "20", "--config", file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(row(r.stdout(), "anthropic").matches("anthropic +✖ down +edge \\(DNS fails for every upstream and the control host\\)"),
                row(r.stdout(), "anthropic"));
        assertTrue(r.stdout().contains("control hosts: control.example unreachable (DNS lookup failed for control.example)"), r.stdout());
        assertTrue(r.stdout().endsWith("ADVICE\nedge failure: DNS fails for every upstream and the control host — rerouting will "
                + "not help; check your network, VPN or firewall\n"), r.stdout());
    }
}
