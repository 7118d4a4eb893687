package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.health.HealthCheck;
import dev.detour.sim.BedrockSim;
import dev.detour.sim.CloudSimAuth;
import dev.detour.sim.SimServer;
import dev.detour.sim.VertexSim;
import dev.detour.supervise.Supervisor;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.Cleanup;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.tui.Keys;
import dev.detour.tui.Screens;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.shell.HealthPolls;
import dev.detour.tui.shell.Pollers;
import dev.detour.tui.shell.Sources;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No credential on any screen. Real bridge processes hold SigV4 keys with a session token, a Bedrock API key, a
 * Google service-account file (ADC) and a Vertex bearer in their environment and use each of them against the cloud
 * simulators; then {@code detour status}, {@code status --json}, the dashboard (rendered in a virtual terminal from a
 * snapshot made by the dashboard's own pollers: config, bridges, probes, events), its upstream details and reroute
 * picker, the bridges' stats, events, logs and output hold none of the secrets, and show each upstream's dialect
 * and region.
 */
class CloudSecretsOnScreenTest {
    static final String KEY_ID = "AKIDSCREENTEST" + "000000";
    static final String SECRET = "screen-secret/" + "K7MDENGbPxRfiCYKEY";
    static final String SESSION = "screen-session-token-" + "FwoGZXIvYXdzSCREEN";
    static final String BEDROCK_KEY = "bedrock-api-key-" + "ABSKQmVkcm9ja0FQSUtleQ";
    static final String AGENT_KEY = "sk-ant-api03-" + "screenagentkey0000";
    static final String MODEL = "claude-sonnet-4-5-20250929";

    @TempDir
    Path dir;
    final List<AutoCloseable> open = new ArrayList<>();
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    @AfterEach
    void close() {
        List<AutoCloseable> lastFirst = new ArrayList<>(open);
        java.util.Collections.reverse(lastFirst);
        Cleanup.closeAll(lastFirst.toArray(AutoCloseable[]::new));
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private String send(String baseUrl, boolean stream) throws Exception {
        String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":50,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"say hi\"}]}";
        try (Response r = http.newCall(new Request.Builder().url(baseUrl + "/v1/messages").header("x-api-key", AGENT_KEY)
                .header("anthropic-version", "2023-06-01").post(RequestBody.create(body, BridgeFixture.JSON_TYPE)).build())
                .execute()) {
            String text = r.body().string();
            assertEquals(200, r.code(), text);
            return text;
        }
    }

    @Test
    void noSecretOnAnyScreenAndEveryCloudUpstreamShowsItsDialectAndRegion() throws Exception {
        CloudSimAuth auth = new CloudSimAuth(KEY_ID, SECRET, SESSION, BEDROCK_KEY, null);
        SimServer bedrock = keep(SimServer.start(new BedrockSim("bedrock", auth, "us-west-2", Clock.systemUTC()), 0));
        SimServer vertex = keep(SimServer.start(new VertexSim("vertex", auth, "detour-test", "europe-west1",
                Duration.ofMinutes(10), Clock.systemUTC()), 0));
        String vertexToken = CloudUpstreamsTest.issue(vertex);
        Path serviceAccount = CloudUpstreamsTest.serviceAccount(dir, "http://127.0.0.1:" + vertex.port() + "/token");
        String privateKey = BridgeFixture.JSON.readTree(Files.readString(serviceAccount)).path("private_key").asText()
                .lines().skip(2).findFirst().orElseThrow();

        int mainPort = FreePort.pick();
        int keyPort = FreePort.pick();
        Path config = dir.resolve("detour.toml");
        Files.writeString(config, "[upstreams.bedrock-west]\nfamily = \"anthropic\"\napi = \"bedrock\"\nregion = \"us-west-2\"\n"
                + "auth = \"aws\"\nbase_url = \"http://127.0.0.1:" + bedrock.port() + "\"\n\n"
                + "[upstreams.vertex-eu]\nfamily = \"anthropic\"\napi = \"vertex\"\nproject = \"detour-test\"\n"
                + "region = \"europe-west1\"\nauth = \"gcloud\"\nbase_url = \"http://127.0.0.1:" + vertex.port() + "\"\n\n"
                + "[upstreams.vertex-key]\nfamily = \"anthropic\"\napi = \"vertex\"\nproject = \"detour-test\"\n"
                + "region = \"europe-west1\"\nauth = \"env:VERTEX_TOKEN\"\nbase_url = \"http://127.0.0.1:" + vertex.port() + "\"\n\n"
                + "[sessions.main]\nport = " + mainPort + "\nroute = [\"bedrock-west\", \"vertex-eu\", \"vertex-key\"]\n"
                + "failover = \"same-family\"\n\n"
                + "[sessions.apikey]\nport = " + keyPort + "\nroute = [\"bedrock-west\"]\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        Path state = dir.resolve("state");
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        env.put("AWS_SESSION_TOKEN", SESSION);
        env.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccount.toString());
        env.put("VERTEX_TOKEN", vertexToken);
        env.put("HOME", dir.toString());
        BridgeProcess main = keep(BridgeProcess.start(config, "main", mainPort, state, env));
        Map<String, String> withApiKey = new HashMap<>(env);
        withApiKey.put("AWS_BEARER_TOKEN_BEDROCK", BEDROCK_KEY);
        BridgeProcess apiKey = keep(BridgeProcess.start(config, "apikey", keyPort, state, withApiKey));

        assertTrue(send(main.baseUrl(), true).contains("Answer from bedrock"), "SigV4 with a session token");
        assertTrue(send(apiKey.baseUrl(), false).contains("Answer from bedrock"), "the Bedrock API key");
        bedrock.faults().set(dev.detour.sim.Fault.fromJson(BridgeFixture.JSON.readTree("{\"mode\":\"status\",\"status\":529}")));
        assertTrue(send(main.baseUrl(), true).contains("Answer from vertex"), "ADC from the service-account file");
        vertex.faults().set(dev.detour.sim.Fault.fromJson(BridgeFixture.JSON.readTree(
                "{\"mode\":\"status\",\"status\":529,\"times\":1}")));
        assertTrue(send(main.baseUrl(), false).contains("Answer from vertex"), "the Vertex bearer after a 529 of vertex-eu");
        String simSeen = BridgeFixture.JSON.readTree(get("http://127.0.0.1:" + vertex.port() + "/_sim/requests")).toString();
        assertTrue(simSeen.contains(SimServer.fingerprint("Bearer " + vertexToken)), "vertex-key was used: " + simSeen);
        String bedrockSeen = get("http://127.0.0.1:" + bedrock.port() + "/_sim/requests");
        assertTrue(bedrockSeen.contains(SimServer.fingerprint("Bearer " + BEDROCK_KEY)), "the API key was used: " + bedrockSeen);

        Map<String, String> cli = new HashMap<>(withApiKey);
        cli.put("XDG_STATE_HOME", state.toString());
        cli.put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
        cli.put("LANG", "C.UTF-8");
        DetourProcess.Result status = DetourProcess.run(cli, dir, 60, "status", "--timeout", "20", "--config", config.toString());
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().lines().anyMatch(l -> l.matches("bedrock-west +bedrock us-west-2 +http://127\\.0\\.0\\.1:\\d+ +aws")),
                status.stdout());
        assertTrue(status.stdout().lines().anyMatch(l -> l.matches("vertex-eu +vertex europe-west1 +http://127\\.0\\.0\\.1:\\d+ +gcloud")),
                status.stdout());
        DetourProcess.Result json = DetourProcess.run(cli, dir, 60, "status", "--timeout", "20", "--json", "--config", config.toString());
        assertEquals(0, json.exitCode(), json.stderr());
        JsonNode upstreams = BridgeFixture.JSON.readTree(json.stdout()).get("upstreams");
        assertEquals("bedrock", upstreams.get(0).get("api").asText());
        assertEquals("us-west-2", upstreams.get(0).get("region").asText());
        assertEquals("vertex", upstreams.get(1).get("api").asText());
        assertEquals("europe-west1", upstreams.get(1).get("region").asText());

        DetourPaths paths = new DetourPaths(state.resolve("detour"));
        Screens screens = keep(new Screens(140, 45));
        String dashboard = screens.draw(dashboardState(config, paths, cli));
        String[] rows = dashboard.split("\n");
        assertTrue(Stream.of(rows).anyMatch(l -> l.contains("bedrock-west") && l.contains("bedrock us-west-2")), dashboard);
        assertTrue(Stream.of(rows).anyMatch(l -> l.contains("vertex-eu") && l.contains("vertex europe-west1")), dashboard);
        DashboardState start = dashboardState(config, paths, cli);
        String details = screens.draw(Keys.press(start, Keys.key(KeyType.Tab), Keys.key(KeyType.Enter)).state());
        assertTrue(details.contains("Upstream bedrock-west") && details.contains("api bedrock   region us-west-2"), details);
        String vertexDetails = screens.draw(Keys.press(start, Keys.key(KeyType.Tab), Keys.key(KeyType.ArrowDown),
                Keys.key(KeyType.Enter)).state());
        assertTrue(vertexDetails.contains("Upstream vertex-eu")
                && vertexDetails.contains("api vertex   region europe-west1   project detour-test"), vertexDetails);
        String picker = screens.draw(Keys.press(start, Keys.ch('r')).state());
        assertTrue(picker.contains("Reroute main to"), picker);
        assertTrue(Stream.of(picker.split("\n")).anyMatch(l -> l.contains("vertex-key") && l.contains("vertex europe-west1")),
                picker);

        String stats = get(main.baseUrl() + "/_detour/stats") + get(apiKey.baseUrl() + "/_detour/stats");
        String events = Files.exists(paths.eventsFile()) ? Files.readString(paths.eventsFile()) : "";
        assertTrue(events.contains("bedrock-west") && stats.contains("vertex-key"), "there is something to look at: " + events);
        String logs = Files.readString(paths.logFile("main")) + Files.readString(paths.logFile("apikey"));
        String output = outputs(state);
        Map<String, String> places = Map.of("status", status.stdout() + status.stderr(), "status --json", json.stdout() + json.stderr(),
                "dashboard", dashboard + details + vertexDetails + picker, "stats", stats, "events", events, "bridge log", logs,
                "bridge output", output);
        for (String secret : List.of(SECRET, SESSION, BEDROCK_KEY, vertexToken, "ya29.sim-", privateKey, AGENT_KEY)) {
            places.forEach((place, text) -> assertFalse(text.contains(secret), place + " holds a credential:\n" + text));
        }
    }

    /** The dashboard's snapshot as its pollers make it: config, bridges (supervisor and stats), probes, judge, events. */
    private DashboardState dashboardState(Path config, DetourPaths paths, Map<String, String> env) throws Exception {
        Clock clock = Clock.systemUTC();
        LoadedConfig loaded = ConfigLoader.load(config);
        Snapshot snapshot = Snapshot.of(config, loaded.config());
        try (HealthPolls health = new HealthPolls(() -> HealthCheck.withDefaults(Duration.ofSeconds(5), env, paths),
                Duration.ofSeconds(5), null)) {
            List<Pollers.Poll> polls = List.of(Sources.config(config),
                    Sources.bridges(paths, Supervisor.forThisProcess(paths, config), clock), health.probes(clock),
                    health.judge(clock), Sources.events(paths.eventsFile(), clock));
            for (Pollers.Poll poll : polls) {
                var change = poll.poll(snapshot);
                if (change != null) {
                    snapshot = change.apply(snapshot);
                }
            }
        }
        return DashboardState.initial(snapshot, new Mode(false, false, true), new TerminalSize(140, 45), clock.instant());
    }

    private String get(String url) throws Exception {
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            return r.body().string();
        }
    }

    private static String outputs(Path state) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(state)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("bridge-")).toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
