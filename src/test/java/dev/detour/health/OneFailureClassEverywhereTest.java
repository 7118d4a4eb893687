package dev.detour.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.Config;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.testing.SimProcess;
import dev.detour.tui.shell.HealthPolls;
import dev.detour.tui.model.UpstreamView;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One upstream answer, one story: a 503 whose body says the service is overloaded (a proxy rewrapping an overload)
 * is "overloaded" in the bridge's stats, in {@code detour status --json} and in the dashboard's upstream view, all
 * fed by a real bridge process that failed over from it. Before the one classifier the bridge called it an outage.
 */
class OneFailureClassEverywhereTest {
    static final String OVERLOADED_503 = "{\"type\":\"error\",\"error\":{\"type\":\"api_error\","
            + "\"message\":\"The upstream is overloaded, please try again later\"}}";

    @TempDir
    Path dir;

    @Test
    void a503SayingOverloadedIsOverloadedInStatsStatusAndDashboard() throws Exception {
        Path state = dir.resolve("state");
        try (Loopback.Server busy = Loopback.http(Loopback.Answer.json(503, OVERLOADED_503));
             SimProcess healthy = SimProcess.start(dir, "anthropic", "healthy-sim")) {
            int port = FreePort.pick();
            Path file = dir.resolve("detour.toml");
            Files.writeString(file, DoctorCommandTest.upstream("busy", "http://127.0.0.1:" + busy.port(), "passthrough")
                    + DoctorCommandTest.upstream("healthy", healthy.baseUrl(), "passthrough")
                    + "[sessions.main]\nport = " + port + "\nroute = [\"busy\", \"healthy\"]\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            try (BridgeProcess bridge = BridgeProcess.start(file, "main", port, state, Map.of())) {
                HttpResponse<String> r = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(bridge.baseUrl() + "/v1/messages"))
                                .timeout(Duration.ofSeconds(20)).header("x-api-key", "sk-ant-test-key")
                                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), "the bridge failed over to the healthy upstream: " + r.body());

                BridgeStats stats = new BridgeClient(bridge.baseUrl()).stats();
                Map<String, Integer> classes = stats.upstreams().get("busy").classes();
                assertEquals(Map.of("overloaded", 1), classes, "the bridge's stats");

                Map<String, String> env = Map.of("XDG_STATE_HOME", state.toString(),
                        "XDG_CONFIG_HOME", dir.resolve("xdg-config").toString(), "LANG", "C.UTF-8");
                DetourProcess.Result json = DetourProcess.run(env, dir, 30, "status", "--json", "--timeout", "20",
                        "--config", file.toString());
                assertEquals(0, json.exitCode(), json.stderr());
                JsonNode upstream = new ObjectMapper().readTree(json.stdout()).get("health").get("upstreams").get(0);
                assertEquals("busy", upstream.get("name").asText());
                assertEquals("traffic", upstream.get("source").asText(), upstream.toString());
                assertEquals("overloaded", upstream.get("failure_class").asText(), "status --json: " + upstream);
                assertEquals("overloaded", upstream.get("probe").get("failure_class").asText(), "the probe reads it alike");

                Config config = ConfigLoader.load(file).config();
                try (HealthCheck check = HealthCheck.withDefaults(Duration.ofSeconds(5), Map.of(),
                        new DetourPaths(state.resolve("detour")))) {
                    UpstreamView view = HealthPolls.views(check.once(config, Duration.ofSeconds(10))).get("busy");
                    assertTrue(view.diagnosis().startsWith("overloaded"), "the dashboard: " + view.diagnosis());
                    assertFalse(view.diagnosis().contains("outage"), view.diagnosis());
                }
            }
        }
    }
}
