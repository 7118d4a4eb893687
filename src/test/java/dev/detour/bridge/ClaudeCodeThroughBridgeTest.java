package dev.detour.bridge;

import dev.detour.testing.BridgeProcess;
import dev.detour.testing.ClaudeCli;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Claude Code CLI ({@code claude -p}) through a real {@code detour bridge} process against {@code detour sim}
 * processes: answers, a tool round trip, failover on 529 and on a refused connection, a cut stream, a reroute
 * while a stream is in flight.
 */
class ClaudeCodeThroughBridgeTest {
    static final String END = "END-OF-ANSWER";
    static SimProcess primary;
    static SimProcess fallback;
    static int deadPort;

    @TempDir
    Path dir;
    Path config;
    BridgeProcess bridge;

    @BeforeAll
    static void sims(@TempDir Path simDir) throws Exception {
        ClaudeCli.binary();
        primary = SimProcess.start(simDir, "anthropic", "primary");
        fallback = SimProcess.start(simDir, "anthropic", "fallback");
        deadPort = FreePort.closed();
    }

    @AfterAll
    static void stopSims() {
        if (primary != null) {
            primary.close();
        }
        if (fallback != null) {
            fallback.close();
        }
    }

    @BeforeEach
    void bridge() throws Exception {
        primary.fault("{\"mode\":\"healthy\"}");
        fallback.fault("{\"mode\":\"healthy\"}");
        primary.clear();
        fallback.clear();
        config = dir.resolve("detour.toml");
        int port = FreePort.pick();
        writeConfig(port, "\"primary\", \"fallback\"");
        bridge = BridgeProcess.start(config, "main", port, dir.resolve("state"), Map.of("FALLBACK_KEY", "sk-ant-fallback-5555"));
    }

    @AfterEach
    void stopBridge() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private void writeConfig(int port, String route) throws Exception {
        Path tmp = dir.resolve("detour.toml.tmp");
        Files.writeString(tmp, "[settings]\nidle_timeout_s = 30\n\n"
                + "[upstreams.primary]\nfamily = \"anthropic\"\nbase_url = \"" + primary.baseUrl() + "\"\nauth = \"passthrough\"\n\n"
                + "[upstreams.fallback]\nfamily = \"anthropic\"\nbase_url = \"" + fallback.baseUrl() + "\"\nauth = \"env:FALLBACK_KEY\"\n\n"
                + "[upstreams.dead]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + deadPort + "\"\nauth = \"passthrough\"\n\n"
                + "[sessions.main]\nport = " + port + "\nroute = [" + route + "]\nfailover = \"same-family\"\n");
        Files.move(tmp, config, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void assertComplete(ClaudeCli.Result r, String from) {
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Answer from " + from), r.toString());
        assertTrue(r.stdout().strip().endsWith(END), "a complete answer: " + r);
        assertEquals(1, r.stdout().split(END, -1).length - 1, "printed once: " + r);
        assertFalse(r.stderr().toLowerCase().contains("error"), r.toString());
    }

    @Test
    void aPlainAnswerAndAToolRoundTrip() throws Exception {
        assertComplete(ClaudeCli.at(bridge.baseUrl()).prompt("say hi").run(), "primary");

        Path work = Files.createDirectory(dir.resolve("work"));
        Path secret = Files.writeString(work.resolve("secret.txt"), "the secret word is pineapple-42\n");
        ClaudeCli.Result tool = ClaudeCli.at(bridge.baseUrl()).workDir(work)
                .prompt("Please read " + secret.toAbsolutePath()).allowedTools("Read").run();
        assertComplete(tool, "primary");
        assertTrue(tool.stdout().contains("the tool returned") && tool.stdout().contains("pineapple-42"), tool.toString());
        assertEquals(3, primary.count(), "one plain turn, then the tool_use turn and the turn with the tool result");
        assertTrue(bridge.stats().contains("\"claude_sessions\":[\""), bridge.stats());
    }

    @Test
    void a529FromThePrimaryIsAnsweredByTheFallback() throws Exception {
        primary.fault("{\"mode\":\"status\",\"status\":529}");
        assertComplete(ClaudeCli.at(bridge.baseUrl()).prompt("say hi").run(), "fallback");
        assertEquals(1, primary.count());
        assertTrue(Files.readString(bridge.stateDir().resolve("events.jsonl"))
                .contains("\"kind\":\"failover\",\"session\":\"main\",\"from\":\"primary\",\"to\":\"fallback\",\"reason\":\"529 overloaded\""));
    }

    @Test
    void aPrimaryThatRefusesConnectionsIsAnsweredByTheFallback() throws Exception {
        writeConfig(bridge.port(), "\"dead\", \"fallback\"");
        BridgeBreakerAndReloadTest.waitFor(() -> bridge.stats().contains("\"config_version\":2"), "the reroute");
        assertComplete(ClaudeCli.at(bridge.baseUrl()).prompt("say hi").run(), "fallback");
        assertTrue(bridge.stats().contains("dead:connection refused"), bridge.stats());
    }

    @Test
    void aStreamCutMidAnswerIsRetriedAndNeverShownTruncated() throws Exception {
        primary.fault("{\"mode\":\"cut\",\"after_events\":2,\"times\":1}");
        ClaudeCli.Result r = ClaudeCli.at(bridge.baseUrl()).prompt("say hi").run();
        assertComplete(r, "primary");
        assertEquals(2, primary.count(), "the cut request and the CLI's retry");
        assertTrue(bridge.stats().contains("\"attempts\":[\"primary:200-cut\"]"), bridge.stats());
    }

    @Test
    void aRerouteDuringAStreamLetsItFinishAndMovesTheNextRequest() throws Exception {
        primary.fault("{\"mode\":\"slow-first-token\",\"delay_ms\":4000,\"times\":1}");
        try (ClaudeCli.Running inFlight = ClaudeCli.at(bridge.baseUrl()).prompt("first question").start()) {
            BridgeBreakerAndReloadTest.waitFor(() -> primary.count() == 1, "the first request at the primary");
            writeConfig(bridge.port(), "\"fallback\", \"primary\"");
            BridgeBreakerAndReloadTest.waitFor(() -> bridge.stats().contains("\"config_version\":2"), "the reroute");
            ClaudeCli.Result next = ClaudeCli.at(bridge.baseUrl()).prompt("second question").run();
            assertComplete(next, "fallback");
            ClaudeCli.Result first = inFlight.await();
            assertComplete(first, "primary");
            assertTrue(first.stdout().contains("first question"), first.toString());
        }
        assertEquals(1, primary.count());
    }
}
