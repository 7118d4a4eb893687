package dev.detour.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated team member's box in a test: its own folder, config ({@code [team]} on the test's Redis) and state
 * dir, and optionally a real bridge process for session {@code main}.
 */
final class TeamBox implements AutoCloseable {
    static final String SECRET = "a-team-secret-for-tests-only-0123";
    static final String TEAM = "drill";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final Path dir;
    final Path config;
    private BridgeProcess bridge;

    /**
     * @param upstreams name to base URL, in route order; the session {@code main} routes through them all
     */
    TeamBox(Path parent, String name, String redisUrl, Map<String, String> upstreams, String failover) throws IOException {
        this.name = name;
        this.dir = parent.resolve(name);
        Files.createDirectories(dir);
        StringBuilder toml = new StringBuilder("[team]\nredis_url = \"" + redisUrl + "\"\nsecret = \"env:DETOUR_TEAM_SECRET\"\n"
                + "box = \"" + name + "\"\nname = \"" + TEAM + "\"\n\n");
        upstreams.forEach((upstream, url) -> toml.append("[upstreams.").append(upstream).append("]\nfamily = \"anthropic\"\n")
                .append("base_url = \"").append(url).append("\"\nauth = \"passthrough\"\n\n"));
        toml.append("[sessions.main]\nport = ").append(FreePort.pick()).append("\nroute = [\"")
                .append(String.join("\", \"", upstreams.keySet())).append("\"]\nfailover = \"").append(failover).append("\"\n");
        this.config = dir.resolve("detour.toml");
        Files.writeString(config, toml);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    /** Puts a {@code [settings]} table with these lines at the top of the config. */
    TeamBox withSettings(String lines) throws IOException {
        Files.writeString(config, "[settings]\n" + lines + "\n\n" + Files.readString(config));
        return this;
    }

    static Map<String, String> upstreams(String... nameThenUrl) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameThenUrl.length; i += 2) {
            out.put(nameThenUrl[i], nameThenUrl[i + 1]);
        }
        return out;
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
        env.put("DETOUR_CONFIG", "");
        env.put("LANG", "C.UTF-8");
        env.put("DETOUR_TEAM_SECRET", SECRET);
        return env;
    }

    Path stateDir() {
        return dir.resolve("state").resolve("detour");
    }

    TeamBox startBridge() throws IOException, InterruptedException {
        int port = Integer.parseInt(Files.readString(config).replaceAll("(?s).*\nport = (\\d+).*", "$1"));
        bridge = BridgeProcess.start(config, "main", port, dir.resolve("state"), env());
        return this;
    }

    BridgeProcess bridge() {
        return bridge;
    }

    DetourProcess.Result detour(String... args) throws IOException, InterruptedException {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return DetourProcess.run(env(), dir, 60, all);
    }

    JsonNode statusJson() throws IOException, InterruptedException {
        return statusJson("--timeout", "2");
    }

    /** {@code status --json --no-health}: no probes, so that the sims count only agent requests. */
    JsonNode teamJson() throws IOException, InterruptedException {
        return statusJson("--no-health");
    }

    private JsonNode statusJson(String... options) throws IOException, InterruptedException {
        String[] args = new String[options.length + 2];
        args[0] = "status";
        args[1] = "--json";
        System.arraycopy(options, 0, args, 2, options.length);
        DetourProcess.Result r = detour(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("status failed: " + r.stderr());
        }
        return JSON.readTree(r.stdout());
    }

    /** The route the bridge serves now (team override applied), from its stats. */
    String servingFirst() throws IOException, InterruptedException {
        return JSON.readTree(bridge.stats()).get("route").get(0).asText();
    }

    /** One agent request through the bridge; its status code. */
    int request() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bridge.baseUrl() + "/v1/messages"))
                .timeout(Duration.ofSeconds(20)).header("x-api-key", "sk-ant-" + "test-key")
                .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    String events() throws IOException {
        Path file = stateDir().resolve("events.jsonl");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    String log() {
        try {
            return Files.readString(stateDir().resolve("bridges").resolve("main.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    TeamState teamState() {
        return TeamStateFile.read(TeamStateFile.of(stateDir(), "main")).orElse(null);
    }

    /** Waits (bounded) until {@code condition} holds; fails with {@code what} otherwise. */
    static void await(String what, Duration bound, Check condition) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + bound.toSeconds() + " s: " + what, last);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    @Override
    public void close() {
        if (bridge != null) {
            bridge.close();
        }
    }
}
