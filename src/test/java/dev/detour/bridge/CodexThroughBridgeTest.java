package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.sim.ReplyScript;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.Cleanup;
import dev.detour.testing.CodexCli;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Codex CLI, headless and offline, through a bridge whose route starts at a Responses upstream and falls
 * back to a Chat Completions and an Anthropic upstream ({@code failover = "any"}): pass-through, a shell-tool round
 * trip, failover when the Responses upstream answers 503, and a conversation that moves to Claude and back with
 * {@code detour family}.
 */
class CodexThroughBridgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SimProcess responsesSim;
    static SimProcess chatSim;
    static SimProcess anthropicSim;
    static BridgeProcess bridge;
    static Path config;
    static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        CodexCli.binary();
        responsesSim = SimProcess.startWith(dir, "rsp-sim", "--family", "openai", "--api", "responses");
        chatSim = SimProcess.start(dir, "openai", "chat-sim");
        anthropicSim = SimProcess.start(dir, "anthropic", "anth-sim");
        int bridgePort = FreePort.pick();
        config = dir.resolve("detour.toml");
        Files.writeString(config, """
                [upstreams.rsp]
                family = "openai"
                api = "responses"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "passthrough"

                [upstreams.chat]
                family = "openai"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "env:SIM_CHAT_KEY"

                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "env:SIM_ANTHROPIC_KEY"
                models = { default = "claude-sonnet-4-5" }

                [sessions.codex]
                port = %d
                route = ["rsp", "chat", "anth"]
                failover = "any"
                """.formatted(responsesSim.port(), chatSim.port(), anthropicSim.port(), bridgePort));
        Path state = dir.resolve("state");
        env = Map.of("XDG_STATE_HOME", state.toString(), "SIM_CHAT_KEY", "sk-sim-chat-key",
                "SIM_ANTHROPIC_KEY", "sk-ant-sim-anthropic-key");
        bridge = BridgeProcess.start(config, "codex", bridgePort, state, env);
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(bridge, responsesSim, chatSim, anthropicSim);
    }

    /** Every test starts from healthy sims and the route as written (a family flip reorders it). */
    @BeforeEach
    void healthy() throws Exception {
        for (SimProcess sim : new SimProcess[]{responsesSim, chatSim, anthropicSim}) {
            sim.fault("{\"mode\":\"healthy\"}");
            sim.clear();
        }
        String text = Files.readString(config);
        Files.writeString(config, text.replaceFirst("route = \\[[^\\]]*\\]", "route = [\"rsp\", \"chat\", \"anth\"]"));
        awaitRoute("rsp", "chat", "anth");
    }

    @Test
    void aShellToolRoundTripPassesThroughToTheResponsesUpstream() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work-tool"));
        CodexCli.Result run = CodexCli.at(bridge.baseUrl() + "/v1").workDir(work)
                .prompt("please run `echo marker-$((40+2))` for me").run();
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("\"type\":\"command_execution\""), "Codex ran the shell tool\n" + run);
        assertTrue(run.lastMessage() != null && run.lastMessage().contains("Answer from rsp-sim: the tool returned")
                && run.lastMessage().contains("marker-42") && run.lastMessage().contains(ReplyScript.END),
                "the final answer quotes the command's real output\n" + run);
        JsonNode last = lastRequest();
        assertEquals("rsp", last.path("upstream").asText());
        assertTrue(JSON.readTree(responsesSim.requests()).path("requests").toString().contains("sha256:"),
                "Codex's own key reached the passthrough upstream: " + responsesSim.requests());
        assertTrue(last.path("claude_session").asText("").length() > 8, "Codex's session-id is recorded: " + last);
    }

    @Test
    void aResponsesUpstreamAnswering503FailsOverToChatCompletionsAndThenToAnthropic() throws Exception {
        responsesSim.fault("{\"mode\":\"status\",\"status\":503}");
        CodexCli.Result onChat = CodexCli.at(bridge.baseUrl() + "/v1").prompt("hello through a failover").run();
        assertEquals(0, onChat.exitCode(), onChat.toString());
        assertTrue(onChat.lastMessage() != null && onChat.lastMessage().contains("Answer from chat-sim")
                && onChat.lastMessage().contains(ReplyScript.END), onChat.toString());

        chatSim.fault("{\"mode\":\"status\",\"status\":503}");
        CodexCli.Result onClaude = CodexCli.at(bridge.baseUrl() + "/v1").prompt("hello across the families").run();
        assertEquals(0, onClaude.exitCode(), onClaude.toString());
        assertTrue(onClaude.lastMessage() != null && onClaude.lastMessage().contains("Answer from anth-sim")
                && onClaude.lastMessage().contains(ReplyScript.END), onClaude.toString());
        JsonNode last = lastRequest();
        assertEquals("anth", last.path("upstream").asText());
        assertEquals("claude-sonnet-4-5", last.path("mapped_model").asText(), "the model mapped through models.default");
        assertTrue(last.path("attempts").toString().contains("rsp:503") && last.path("attempts").toString().contains("chat:503"),
                last.toString());
    }

    @Test
    void aConversationMovesToClaudeAndBackWithTheFamilyFlip() throws Exception {
        Path home = Files.createDirectories(dir.resolve("codex-home-flip"));
        Path work = Files.createDirectories(dir.resolve("work-flip"));
        try {
            CodexCli.Result first = CodexCli.at(bridge.baseUrl() + "/v1").home(home).workDir(work)
                    .prompt("first words on openai").run();
            assertEquals(0, first.exitCode(), first.toString());
            assertTrue(first.lastMessage().contains("Answer from rsp-sim"), first.toString());

            flip("anthropic", "anth");
            CodexCli.Result onClaude = CodexCli.at(bridge.baseUrl() + "/v1").home(home).workDir(work).resumeLast()
                    .prompt("and now on claude?").run();
            assertEquals(0, onClaude.exitCode(), onClaude.toString());
            assertTrue(onClaude.lastMessage().contains("Answer from anth-sim") && onClaude.lastMessage().contains("and now on claude?"),
                    onClaude.toString());
            assertTrue(JSON.readTree(anthropicSim.requests()).path("count").asInt() >= 1);

            flip("openai", "rsp");
            CodexCli.Result back = CodexCli.at(bridge.baseUrl() + "/v1").home(home).workDir(work).resumeLast()
                    .prompt("back on openai").run();
            assertEquals(0, back.exitCode(), back.toString());
            assertTrue(back.lastMessage().contains("Answer from rsp-sim") && back.lastMessage().contains("back on openai"),
                    back.toString());
        } finally {
            healthy();
        }
    }

    /** Flips the session with the real {@code detour family} command and waits until the bridge routes by it. */
    static void flip(String family, String expectFirst) throws Exception {
        DetourProcess.Result result = DetourProcess.run(env, dir, 30, "--config", config.toString(), "family", "codex", "--to", family);
        assertTrue(result.exitCode() == 0, result.stdout() + result.stderr());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!JSON.readTree(bridge.stats()).path("route").path(0).asText().equals(expectFirst)) {
            assertTrue(System.nanoTime() < deadline, "the bridge did not pick up the flip");
            Thread.sleep(50);
        }
    }

    static void awaitRoute(String... route) throws Exception {
        String wanted = JSON.valueToTree(route).toString();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!JSON.readTree(bridge.stats()).path("route").toString().equals(wanted)) {
            assertTrue(System.nanoTime() < deadline, "the bridge did not pick up the route " + wanted + ": "
                    + JSON.readTree(bridge.stats()).path("route"));
            Thread.sleep(50);
        }
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
