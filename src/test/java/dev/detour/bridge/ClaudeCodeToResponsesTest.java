package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.sim.ReplyScript;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.ClaudeCli;
import dev.detour.testing.Cleanup;
import dev.detour.testing.FreePort;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Claude Code CLI through a session whose first upstream speaks the OpenAI Responses API. */
class ClaudeCodeToResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SimProcess responsesSim;
    static BridgeProcess bridge;

    @BeforeAll
    static void start() throws Exception {
        ClaudeCli.binary();
        responsesSim = SimProcess.startWith(dir, "rsp-sim", "--family", "openai", "--api", "responses");
        int bridgePort = FreePort.pick();
        Path config = dir.resolve("detour.toml");
        Files.writeString(config, """
                [upstreams.rsp]
                family = "openai"
                api = "responses"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "env:SIM_OPENAI_KEY"
                models = { opus = "gpt-5", sonnet = "gpt-5", haiku = "gpt-5-mini" }

                [sessions.main]
                port = %d
                route = ["rsp"]
                """.formatted(responsesSim.port(), bridgePort));
        Path state = dir.resolve("state");
        bridge = BridgeProcess.start(config, "main", bridgePort, state,
                Map.of("XDG_STATE_HOME", state.toString(), "SIM_OPENAI_KEY", "sk-sim-responses-key"));
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(bridge, responsesSim);
    }

    @Test
    void aPlainAnswerAndAReadToolRoundTrip() throws Exception {
        ClaudeCli.Result plain = ClaudeCli.at(bridge.baseUrl()).prompt("hello responses").streamJson().run();
        assertEquals(0, plain.exitCode(), plain.toString());
        assertTrue(plain.stdout().contains("Answer from rsp-sim") && plain.stdout().contains(ReplyScript.END), plain.toString());
        JsonNode last = lastRequest();
        assertEquals("rsp", last.path("upstream").asText());
        assertTrue(last.path("mapped_model").asText().startsWith("gpt-5"), last.toString());

        Path work = Files.createDirectories(dir.resolve("work"));
        Path notes = Files.writeString(work.resolve("notes.txt"), "the secret word is okapi-9031\n");
        ClaudeCli.Result tool = ClaudeCli.at(bridge.baseUrl()).workDir(work).allowedTools("Read").streamJson()
                .prompt("Please read " + notes.toAbsolutePath() + " and tell me what it says").run();
        assertEquals(0, tool.exitCode(), tool.toString());
        assertTrue(tool.stdout().contains("\"name\":\"Read\""), "the CLI ran the tool the Responses sim asked for\n" + tool);
        assertTrue(tool.stdout().contains("Answer from rsp-sim: the tool returned:") && tool.stdout().contains("okapi-9031"),
                "the final answer uses the tool result\n" + tool);
    }

    @Test
    void aStreamCutMidAnswerReachesTheCliAsAnErrorAndItsRetrySucceeds() throws Exception {
        responsesSim.clear();
        responsesSim.fault("{\"mode\":\"cut\",\"after_events\":3,\"times\":1}");
        ClaudeCli.Result run = ClaudeCli.at(bridge.baseUrl()).prompt("tell me something long").streamJson().run();
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("Answer from rsp-sim") && run.stdout().contains(ReplyScript.END), run.toString());
        JsonNode seen = JSON.readTree(responsesSim.requests());
        assertTrue(seen.path("requests").toString().contains("cut after 3 events"), "the cut happened: " + seen);
        assertTrue(seen.path("count").asInt() >= 2, "the CLI retried after the cut: " + seen);
        assertFalse(run.stdout().contains("\"is_error\":true"), run.toString());
    }

    static JsonNode lastRequest() throws Exception {
        JsonNode requests = JSON.readTree(bridge.stats()).path("requests");
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).path("path").asText().equals("/v1/messages")) {
                return requests.get(i);
            }
        }
        throw new AssertionError("no request in " + requests);
    }
}
