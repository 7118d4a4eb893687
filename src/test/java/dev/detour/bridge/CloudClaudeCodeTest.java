package dev.detour.bridge;

import dev.detour.sim.CloudSimAuth;
import dev.detour.testing.BridgeProcess;
import dev.detour.testing.ClaudeCli;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code CLI through a real bridge process with cloud dialects on both sides: failover from a 529 to a
 * Bedrock and to a Vertex upstream (with a Read-tool round trip each), a Bedrock exception mid-stream that the CLI's
 * retry gets past, and Claude Code in Bedrock and in Vertex mode ({@code detour env --shape}) served by ordinary
 * Anthropic upstreams with failover. The cloud sims check SigV4 and bearers as the services do.
 */
class CloudClaudeCodeTest {
    static final String END = "END-OF-ANSWER";
    static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", "AKIDE2E" + "SIMKEY000000",
            "AWS_SECRET_ACCESS_KEY", "e2e-sim-secret/" + "K7MDENGbPxRfiCY", "AWS_SESSION_TOKEN", "e2e-session-" + "token-0001");
    static final String VERTEX_TOKEN = "ya29.e2e-" + "static-vertex-token";
    static final String BEDROCK_MODELS = "models = { opus = \"us.anthropic.claude-opus-4-1-20250805-v1:0\", "
            + "sonnet = \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\", haiku = \"us.anthropic.claude-haiku-4-5-20251001-v1:0\", "
            + "default = \"us.anthropic.claude-sonnet-4-5-20250929-v1:0\" }";
    static final String VERTEX_MODELS = "models = { opus = \"claude-opus-4-1@20250805\", sonnet = \"claude-sonnet-4-5@20250929\", "
            + "haiku = \"claude-haiku-4-5@20251001\", default = \"claude-sonnet-4-5@20250929\" }";
    static SimProcess primary;
    static SimProcess backup;
    static SimProcess bedrock;
    static SimProcess vertex;

    @TempDir
    Path dir;
    Path config;
    BridgeProcess bridge;

    @BeforeAll
    static void sims(@TempDir Path simDir) throws Exception {
        ClaudeCli.binary();
        primary = SimProcess.start(simDir, "anthropic", "primary");
        backup = SimProcess.start(simDir, "anthropic", "backup");
        bedrock = SimProcess.start(simDir, AWS, "bedrock", "--api", "bedrock", "--region", "us-west-2");
        vertex = SimProcess.start(simDir, Map.of(CloudSimAuth.BEARER_VAR, VERTEX_TOKEN), "vertex", "--api", "vertex",
                "--project", "detour-e2e", "--region", "europe-west1");
    }

    @AfterAll
    static void stopSims() {
        for (SimProcess sim : new SimProcess[]{primary, backup, bedrock, vertex}) {
            if (sim != null) {
                sim.close();
            }
        }
    }

    @BeforeEach
    void healthy() throws Exception {
        for (SimProcess sim : new SimProcess[]{primary, backup, bedrock, vertex}) {
            sim.fault("{\"mode\":\"healthy\"}");
            sim.clear();
        }
        config = dir.resolve("detour.toml");
    }

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private void start(String route) throws Exception {
        start(route, BEDROCK_MODELS);
    }

    private void start(String route, String bedrockModels) throws Exception {
        int port = FreePort.pick();
        Files.writeString(config, "[settings]\nidle_timeout_s = 30\n\n"
                + "[upstreams.primary]\nfamily = \"anthropic\"\nbase_url = \"" + primary.baseUrl() + "\"\nauth = \"passthrough\"\n\n"
                + "[upstreams.backup]\nfamily = \"anthropic\"\nbase_url = \"" + backup.baseUrl() + "\"\nauth = \"env:BACKUP_KEY\"\n\n"
                + "[upstreams.bedrock]\nfamily = \"anthropic\"\napi = \"bedrock\"\nregion = \"us-west-2\"\nauth = \"aws\"\n"
                + "base_url = \"" + bedrock.baseUrl() + "\"\n" + bedrockModels + "\n\n"
                + "[upstreams.vertex]\nfamily = \"anthropic\"\napi = \"vertex\"\nproject = \"detour-e2e\"\n"
                + "region = \"europe-west1\"\nauth = \"env:VERTEX_TOKEN\"\nbase_url = \"" + vertex.baseUrl() + "\"\n"
                + VERTEX_MODELS + "\n\n"
                + "[sessions.main]\nport = " + port + "\nroute = [" + route + "]\nfailover = \"same-family\"\n");
        Map<String, String> env = new LinkedHashMap<>(AWS);
        env.put("VERTEX_TOKEN", VERTEX_TOKEN);
        env.put("BACKUP_KEY", "sk-ant-backup-" + "e2e-7777");
        env.put("HOME", dir.toString());
        bridge = BridgeProcess.start(config, "main", port, dir.resolve("state"), env);
    }

    private static void assertComplete(ClaudeCli.Result r, String from) {
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Answer from " + from), r.toString());
        assertTrue(r.stdout().strip().endsWith(END), "a complete answer: " + r);
        assertFalse(r.stderr().toLowerCase().contains("error"), r.toString());
    }

    private ClaudeCli.Result readThroughBridge(String upstream) throws Exception {
        primary.fault("{\"mode\":\"status\",\"status\":529}");
        start("\"primary\", \"" + upstream + "\"");
        Path work = Files.createDirectory(dir.resolve("work"));
        Path secret = Files.writeString(work.resolve("secret.txt"), "the secret word is pineapple-42\n");
        ClaudeCli.Result r = ClaudeCli.at(bridge.baseUrl()).workDir(work)
                .prompt("Please read " + secret.toAbsolutePath()).allowedTools("Read").run();
        assertComplete(r, upstream);
        assertTrue(r.stdout().contains("the tool returned") && r.stdout().contains("pineapple-42"), r.toString());
        assertTrue(Files.readString(bridge.stateDir().resolve("events.jsonl")).contains(
                "\"kind\":\"failover\",\"session\":\"main\",\"from\":\"primary\",\"to\":\"" + upstream + "\""));
        return r;
    }

    @Test
    void a529IsServedByBedrockThroughAReadToolRoundTrip() throws Exception {
        readThroughBridge("bedrock");
        assertTrue(bedrock.count() >= 2, "the tool_use turn and the turn with the tool result: " + bedrock.requests());
        assertTrue(bedrock.requests().contains("/invoke-with-response-stream"), bedrock.requests());
        assertFalse(bedrock.requests().contains(dev.detour.sim.SimServer.fingerprint(ClaudeCli.DUMMY_KEY)),
                "the agent's own key never reaches a cloud");
    }

    @Test
    void a529IsServedByVertexThroughAReadToolRoundTrip() throws Exception {
        readThroughBridge("vertex");
        assertTrue(vertex.count() >= 2, vertex.requests());
        assertTrue(vertex.requests().contains(":streamRawPredict"), vertex.requests());
    }

    @Test
    void aBedrockExceptionMidStreamIsAnErrorEventAndTheCliRetryCompletes() throws Exception {
        start("\"bedrock\"");
        bedrock.fault("{\"mode\":\"error-event\",\"after_events\":2,\"times\":1}");
        ClaudeCli.Result r = ClaudeCli.at(bridge.baseUrl()).prompt("say hi").run();
        assertComplete(r, "bedrock");
        assertEquals(1, r.stdout().split(END, -1).length - 1, "printed once: " + r);
        assertEquals(2, bedrock.count(), "the failed stream and the CLI's retry: " + bedrock.requests());
        assertTrue(bridge.stats().contains("\"failure_class\":\"overloaded\""), bridge.stats());
    }

    /** The exports {@code detour env main --shape SHAPE} prints, as a map. */
    private Map<String, String> shapeEnv(String shape) throws Exception {
        DetourProcess.Result env = DetourProcess.run(Map.of("XDG_STATE_HOME", dir.resolve("state").toString()), dir, 60,
                "env", "main", "--shape", shape, "--config", config.toString());
        assertEquals(0, env.exitCode(), env.stderr());
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = Pattern.compile("export ([A-Z_]+)='([^']*)';").matcher(env.stdout());
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    private ClaudeCli.Result cloudModeAgent(String shape) throws Exception {
        primary.fault("{\"mode\":\"status\",\"status\":529}");
        start("\"primary\", \"backup\"");
        ClaudeCli cli = ClaudeCli.at(bridge.baseUrl()).prompt("say hi");
        shapeEnv(shape).forEach(cli::env);
        ClaudeCli.Result r = cli.run();
        assertComplete(r, "backup");
        assertTrue(primary.count() >= 1 && backup.count() >= 1, primary.requests());
        return r;
    }

    @Test
    void claudeCodeInBedrockModeIsServedByAnAnthropicUpstreamAndFailsOver() throws Exception {
        cloudModeAgent("bedrock");
        Map<String, String> vars = shapeEnv("bedrock");
        assertEquals("1", vars.get("CLAUDE_CODE_USE_BEDROCK"));
        assertEquals("1", vars.get("CLAUDE_CODE_SKIP_BEDROCK_AUTH"));
        assertEquals(bridge.baseUrl(), vars.get("ANTHROPIC_BEDROCK_BASE_URL"));
        assertTrue(backup.requests().contains("\"path\":\"/v1/messages\""), backup.requests());
        assertTrue(bridge.stats().contains("\"path\":\"/v1/messages\""), bridge.stats());
    }

    @Test
    void claudeCodeInVertexModeIsServedByAnAnthropicUpstreamAndFailsOver() throws Exception {
        cloudModeAgent("vertex");
        assertTrue(backup.requests().contains("\"path\":\"/v1/messages\""), backup.requests());
    }

    @Test
    void detourRunInBedrockModeSendsAnInferenceProfileArnThroughToBedrock() throws Exception {
        start("\"bedrock\"", "");
        String arn = "arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/abc123";
        Path home = Files.createDirectories(dir.resolve("home/.claude")).getParent();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("AWS_REGION", "us-west-2");
        env.put("ANTHROPIC_MODEL", arn);
        DetourProcess.Result run = DetourProcess.run(env, dir, 120, "run", "main", "--shape", "bedrock",
                "--config", config.toString(), "--", ClaudeCli.binary().toString(), "-p", "say hi");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("Answer from bedrock"), run.stdout() + run.stderr());
        assertTrue(bedrock.requests().contains("/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3A"
                + "application-inference-profile%2Fabc123/invoke"), "the ARN as one encoded segment: " + bedrock.requests());
        assertTrue(bridge.stats().contains("\"path\":\"/v1/messages\""), bridge.stats());
    }
}
