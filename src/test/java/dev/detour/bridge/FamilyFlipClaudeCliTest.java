package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.sim.ReplyScript;
import dev.detour.testing.Cleanup;
import dev.detour.testing.ClaudeCli;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code CLI keeps working when its session is flipped to the openai family with {@code detour family}
 * and back: a plain answer, a tool round trip, a resumed conversation on the other family, and a cut stream retried.
 */
class FamilyFlipClaudeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SimProcess openaiSim;
    static SimProcess anthropicSim;
    static BridgeProcess bridge;
    static String base;
    static Path config;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        ClaudeCli.binary();
        openaiSim = SimProcess.start(dir, "openai", "oai-sim");
        anthropicSim = SimProcess.start(dir, "anthropic", "anth-sim");
        int bridgePort = FreePort.pick();
        config = dir.resolve("detour.toml");
        Files.writeString(config, """
                # the family flips rewrite the route below and keep this comment
                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"

                [upstreams.oai]
                family = "openai"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "env:SIM_OPENAI_KEY"
                models = { opus = "gpt-5", sonnet = "gpt-5", haiku = "gpt-5-mini" }

                [sessions.main]
                port = %d
                route = ["anth", "oai"]
                failover = "same-family"
                """.formatted(anthropicSim.port(), openaiSim.port(), bridgePort));
        Path state = dir.resolve("state");
        env = Map.of("XDG_STATE_HOME", state.toString(), "SIM_OPENAI_KEY", "sk-sim-flip-key");
        bridge = BridgeProcess.start(config, "main", bridgePort, state, env);
        base = bridge.baseUrl();
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(bridge, openaiSim, anthropicSim);
    }

    @Test
    void claudeCodeWorksAcrossAFamilyFlipAndBack() throws Exception {
        flip("openai", "oai");

        ClaudeCli.Result plain = ClaudeCli.at(base).prompt("hello across the families").streamJson().run();
        assertEquals(0, plain.exitCode(), plain.toString());
        assertTrue(plain.stdout().contains("Answer from oai-sim") && plain.stdout().contains(ReplyScript.END), plain.toString());
        JsonNode last = lastRequest("/v1/messages");
        assertEquals("oai", last.path("upstream").asText());
        assertTrue(last.path("mapped_model").asText().startsWith("gpt-5"), last.toString());

        Path work = Files.createDirectories(dir.resolve("work"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path notes = Files.writeString(work.resolve("notes.txt"), "the secret word is zebra-4417\n");
        ClaudeCli.Result tool = ClaudeCli.at(base).home(home).workDir(work).allowedTools("Read").streamJson()
                .prompt("Please read " + notes.toAbsolutePath() + " and tell me what it says").run();
        assertEquals(0, tool.exitCode(), tool.toString());
        assertTrue(tool.stdout().contains("\"name\":\"Read\""), "the CLI ran the tool the openai sim asked for\n" + tool);
        assertTrue(tool.stdout().contains("Answer from oai-sim: the tool returned:") && tool.stdout().contains("zebra-4417"),
                "the final answer uses the tool result\n" + tool);
        String conversation = tool.sessionId();
        assertNotNull(conversation, tool.toString());

        flip("anthropic", "anth");
        ClaudeCli.Result resumed = ClaudeCli.at(base).home(home).workDir(work).resume(conversation).streamJson()
                .prompt("and what do you say now?").run();
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.stdout().contains("Answer from anth-sim") && resumed.stdout().contains(ReplyScript.END), resumed.toString());
        assertEquals("anth", lastRequest("/v1/messages").path("upstream").asText());
    }

    @Test
    void aStreamCutMidAnswerOnTheOpenAiSimReachesTheCliAsAnErrorAndItsRetrySucceeds() throws Exception {
        flip("openai", "oai");
        openaiSim.clear();
        openaiSim.fault("{\"mode\":\"cut\",\"after_events\":3,\"times\":1}");
        ClaudeCli.Result run = ClaudeCli.at(base).prompt("tell me something long").streamJson().run();
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("Answer from oai-sim") && run.stdout().contains(ReplyScript.END), run.toString());
        JsonNode seen = JSON.readTree(openaiSim.requests());
        assertTrue(seen.path("requests").toString().contains("cut after 3 events"), "the cut happened: " + seen);
        assertTrue(seen.path("count").asInt() >= 2, "the CLI retried after the cut: " + seen);
        JsonNode stats = stats();
        boolean cutSeen = false;
        for (JsonNode request : stats.path("requests")) {
            cutSeen |= request.path("attempts").toString().contains("oai:200") && request.path("failure_class").asText("").equals("outage");
        }
        assertTrue(cutSeen, "the cut request is recorded as a failure: " + stats.path("requests"));
        assertFalse(run.stdout().contains("\"is_error\":true"), run.toString());
    }

    /** Flips the session with the real {@code detour family} command and waits until the bridge routes by it. */
    static void flip(String family, String expectFirst) throws Exception {
        DetourProcess.Result result = DetourProcess.run(env, dir, 30, "--config", config.toString(), "family", "main", "--to", family);
        assertTrue(result.exitCode() == 0, result.stdout() + result.stderr());
        assertTrue(Files.readString(config).contains("# the family flips rewrite the route below and keep this comment"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!stats().path("route").path(0).asText().equals(expectFirst)) {
            assertTrue(System.nanoTime() < deadline, "the bridge did not pick up the flip: " + stats().path("route"));
            Thread.sleep(50);
        }
    }

    static JsonNode stats() throws Exception {
        return JSON.readTree(bridge.stats());
    }

    static JsonNode lastRequest(String path) throws Exception {
        JsonNode requests = stats().path("requests");
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).path("path").asText().equals(path)) {
                return requests.get(i);
            }
        }
        throw new AssertionError("no request to " + path + " in " + requests);
    }
}
