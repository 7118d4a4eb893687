package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.dialect.AgentRequest;
import dev.detour.dialect.UpstreamProtocols;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.sim.AnthropicSim;
import dev.detour.sim.SimServer;
import dev.detour.testing.FreePort;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bridge in this JVM on a free loopback port, against sims in this JVM, with its own config and state folder. */
final class BridgeFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AGENT_KEY = "sk-ant-agent-own-key-1111";
    static final MediaType JSON_TYPE = MediaType.get("application/json");

    final Path dir;
    final DetourPaths paths;
    final Path configFile;
    final Map<String, String> env = new HashMap<>();
    final Map<String, SimServer> sims = new LinkedHashMap<>();
    /** Upstreams served by something other than a sim (a test's own loopback server), by name. */
    final Map<String, Integer> otherUpstreams = new HashMap<>();
    int port;
    final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20))
            .retryOnConnectionFailure(false).build();
    Bridge bridge;
    String token;
    /** The protocols the bridge speaks; null: the standard ones reading {@link #env}. */
    UpstreamProtocols protocols;

    BridgeFixture(Path dir) throws IOException {
        this.dir = dir;
        this.paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        this.configFile = dir.resolve("config").resolve("detour.toml");
        Files.createDirectories(configFile.getParent());
        this.port = FreePort.pick();
    }

    /** A started bridge whose one upstream, "primary", is a sim reached with the agent's own credential. */
    static BridgeFixture onePassthroughUpstream(Path dir) throws Exception {
        BridgeFixture f = new BridgeFixture(dir);
        f.sim("primary");
        f.config(List.of("primary"), "same-family", 30, Map.of("primary", "passthrough"));
        f.start();
        return f;
    }

    SimServer sim(String name) throws IOException {
        return sim(name, 0);
    }

    SimServer sim(String name, int paceMs) throws IOException {
        return sim(name, new AnthropicSim(name), paceMs);
    }

    SimServer sim(String name, dev.detour.sim.SimFamily family, int paceMs) throws IOException {
        SimServer sim = SimServer.start(family, 0, paceMs);
        sims.put(name, sim);
        return sim;
    }

    /** Writes a config: upstreams as name to auth (a sim of that name, an {@link #otherUpstreams} port, else a refusing port). */
    void config(List<String> route, String failover, int idleS, Map<String, String> upstreamAuth) throws IOException {
        StringBuilder toml = new StringBuilder("[settings]\nidle_timeout_s = " + idleS + "\n\n");
        for (Map.Entry<String, String> u : upstreamAuth.entrySet()) {
            SimServer sim = sims.get(u.getKey());
            int upstreamPort = sim != null ? sim.port()
                    : otherUpstreams.containsKey(u.getKey()) ? otherUpstreams.get(u.getKey()) : FreePort.closed();
            toml.append("[upstreams.").append(u.getKey()).append("]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:")
                    .append(upstreamPort).append("\"\nauth = \"").append(u.getValue()).append("\"\n\n");
        }
        toml.append("[sessions.main]\nport = ").append(port).append("\nroute = [");
        for (int i = 0; i < route.size(); i++) {
            toml.append(i > 0 ? ", " : "").append('"').append(route.get(i)).append('"');
        }
        toml.append("]\nfailover = \"").append(failover).append("\"\n");
        write(toml.toString());
    }

    void write(String text) throws IOException {
        Path tmp = configFile.resolveSibling("detour.toml.tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, configFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts the bridge; a port taken meanwhile by another test moves the config to a new one. */
    Bridge start() throws Exception {
        for (int attempt = 1; bridge == null; attempt++) {
            try {
                bridge = Bridge.start("main", configFile, ConfigLoader.load(configFile), paths,
                        protocols != null ? protocols : UpstreamProtocols.standard(env::get), env::get);
            } catch (IOException taken) {
                if (attempt == 5 || !taken.getMessage().contains("cannot listen")) {
                    throw taken;
                }
                int next = FreePort.pick();
                write(Files.readString(configFile).replace("port = " + port + "\n", "port = " + next + "\n"));
                port = next;
            }
        }
        token = Files.readString(paths.tokenFile("main")).trim();
        return bridge;
    }

    String url(String path) {
        return BridgeClient.baseUrl(port, token) + path;
    }

    Request.Builder messages(boolean stream, String prompt) {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":50,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
        return new Request.Builder().url(url("/v1/messages?beta=true")).header("x-api-key", AGENT_KEY)
                .header("anthropic-version", "2023-06-01").header("anthropic-beta", "claude-code-20250219,x-test")
                .header(AgentRequest.CLAUDE_SESSION_HEADER, "cc-session-1")
                .post(RequestBody.create(body, JSON_TYPE));
    }

    /** Sends and reads the whole answer. */
    Answer send(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body().string());
        }
    }

    record Answer(int status, okhttp3.Headers headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        /** The text of a streamed answer: its text deltas joined. */
        String streamedText() throws IOException {
            StringBuilder text = new StringBuilder();
            for (String line : body.split("\n")) {
                if (line.startsWith("data: ")) {
                    JsonNode data = JSON.readTree(line.substring(6));
                    if (data.path("delta").path("type").asText().equals("text_delta")) {
                        text.append(data.path("delta").path("text").asText());
                    }
                }
            }
            return text.toString();
        }

        /** The event names of a streamed answer, in order. */
        List<String> eventNames() {
            List<String> names = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.startsWith("event: ")) {
                    names.add(line.substring(7).trim());
                }
            }
            return names;
        }
    }

    BridgeStats stats() throws IOException {
        return new BridgeClient(BridgeClient.baseUrl(port, token)).stats();
    }

    JsonNode simRequests(String name) throws IOException {
        try (Response r = http.newCall(new Request.Builder()
                .url("http://127.0.0.1:" + sims.get(name).port() + "/_sim/requests").build()).execute()) {
            return JSON.readTree(r.body().string());
        }
    }

    void fault(String sim, String json) throws IOException {
        sims.get(sim).faults().set(dev.detour.sim.Fault.fromJson(JSON.readTree(json)));
    }

    List<Event> events() throws IOException {
        return new EventJournal(paths.eventsFile()).newest(500);
    }

    List<Event> events(String kind) throws IOException {
        List<Event> of = new ArrayList<>();
        for (Event e : events()) {
            if (e.kind().equals(kind)) {
                of.add(e);
            }
        }
        return of;
    }

    @Override
    public void close() throws IOException {
        if (bridge != null) {
            bridge.close();
        }
        for (SimServer sim : sims.values()) {
            sim.close();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
