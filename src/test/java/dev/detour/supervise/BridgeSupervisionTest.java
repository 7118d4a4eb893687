package dev.detour.supervise;

import dev.detour.testing.TestConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.sim.AnthropicSim;
import dev.detour.sim.Fault;
import dev.detour.sim.FaultMode;
import dev.detour.sim.SimServer;
import dev.detour.testing.ClaudeCli;
import dev.detour.testing.DetourProcess;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real bridges started by the real commands against a simulated upstream: up/down, surviving the starter and a
 * SIGHUP to its process group, kill -9 recovery with events, restart under a streaming Claude Code request, and
 * {@code detour run} end to end. Every process is killed by pid afterwards.
 */
class BridgeSupervisionTest {
    @TempDir
    Path dir;

    private SimServer sim;
    private int port;
    private Path config;
    private final List<Process> watchers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        sim = SimServer.start(new AnthropicSim("sim-up"), 0);
        port = AgentDiscoveryTest.freePort();
        config = TestConfig.create().anthropic("sim", "http://127.0.0.1:" + sim.port())
                .session("main", port, java.util.List.of("sim"), "failover = \"off\"").write(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        watchers.forEach(p -> DetourProcess.kill(p.toHandle()));
        OptionalLong pid = pidFile().read();
        try {
            detour("down", "--timeout", "5");
        } finally {
            pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(DetourProcess::kill));
            sim.close();
        }
    }

    @Test
    void upSurvivesItsStarterAndAHangupOfItsGroupThenDownStopsIt() throws Exception {
        DetourProcess.Result up = detour("up");
        long pid = pidFile().read().orElseThrow();
        assertEquals(0, up.exitCode(), up.stderr());
        assertEquals("main: started (pid " + pid + ")\n", up.stdout());
        assertEquals(pid, stats().pid(), "the bridge on the port is the one in the pid file");
        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive(), "alive after `up` exited");

        assertEquals("main: already running (pid " + pid + ")\n", detour("up").stdout());

        Process watcher = startInOwnGroup("up", "--watch");
        await(() -> output(watcher).contains("watching"), 60, "up --watch to start watching");
        Process hangup = new ProcessBuilder("kill", "-HUP", "--", "-" + watcher.pid()).start();
        assertTrue(hangup.waitFor(10, TimeUnit.SECONDS) && hangup.exitValue() == 0);
        assertTrue(watcher.waitFor(20, TimeUnit.SECONDS), "SIGHUP ends the starter's group");
        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive(), "the bridge did not get the SIGHUP");
        assertEquals(pid, stats().pid());

        DetourProcess.Result down = detour("down");
        assertEquals(0, down.exitCode(), down.stderr());
        assertEquals("main: stopped (SIGTERM) (pid " + pid + ")\n", down.stdout());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        assertFalse(PortOwner.accepting(port));
        assertTrue(pidFile().read().isEmpty());
        assertEquals("main: not running\n", detour("down").stdout());
    }

    @Test
    void aKilledBridgeIsRestartedWithBackoffAndJournaledButAStoppedOneIsNot() throws Exception {
        Process watcher = startInOwnGroup("up", "--watch");
        await(() -> output(watcher).contains("watching"), 60, "up --watch to start watching");
        long first = pidFile().read().orElseThrow();

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        await(() -> {
            OptionalLong now = pidFile().read();
            return now.isPresent() && now.getAsLong() != first && PortOwner.accepting(port) && restarts() == 1;
        }, 60, "the watcher to restart the bridge");
        long second = pidFile().read().orElseThrow();
        assertEquals(second, stats().pid());

        List<Event> events = journal().newest(100);
        Event exit = events.stream().filter(e -> e.kind().equals("bridge_exit") && String.valueOf(first).equals(e.from()))
                .findFirst().orElseThrow(() -> new AssertionError("no bridge_exit for " + first + ": " + events));
        assertTrue(exit.reason().contains("signal 9 (SIGKILL)"), exit.reason());
        assertTrue(exit.reason().contains("last log line: "), exit.reason());
        Event restart = events.stream().filter(e -> e.kind().equals("bridge_restart")).findFirst().orElseThrow();
        assertEquals(String.valueOf(first), restart.from());
        assertEquals(String.valueOf(second), restart.to());
        assertTrue(restart.reason().contains("backoff 1 s") && restart.reason().contains("restart 1"), restart.reason());

        ProcessHandle.of(second).orElseThrow().destroyForcibly();
        await(() -> {
            OptionalLong now = pidFile().read();
            return now.isPresent() && now.getAsLong() != second && PortOwner.accepting(port) && restarts() == 2;
        }, 60, "the second restart");
        long third = pidFile().read().orElseThrow();
        Event again = journal().newest(100).stream().filter(e -> e.kind().equals("bridge_restart"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(String.valueOf(third), again.to());
        assertTrue(again.reason().contains("backoff 2 s") && again.reason().contains("restart 2"),
                "a second crash within a minute doubles the backoff: " + again.reason());

        JsonNode status = new ObjectMapper().readTree(detour("status", "--json").stdout());
        JsonNode bridge = status.get("bridges").get(0);
        assertEquals("running", bridge.get("status").asText());
        assertEquals(third, bridge.get("pid").asLong());
        assertEquals(2, bridge.get("restarts").asInt());

        assertEquals("main: stopped (SIGTERM) (pid " + third + ")\n", detour("down").stdout());
        Thread.sleep(2500);
        assertTrue(pidFile().read().isEmpty(), "the watcher must not revive a bridge stopped by down");
        assertFalse(PortOwner.accepting(port));
        assertEquals(2, restarts());
        assertTrue(watcher.isAlive(), "still watching");
    }

    @Test
    void restartWhileClaudeCodeStreamsThroughTheBridgeLosesNothing() throws Exception {
        assertEquals(0, detour("up").exitCode());
        long before = pidFile().read().orElseThrow();
        sim.faults().set(new Fault(FaultMode.SLOW_FIRST_TOKEN, null, null, 4000, 0, null));
        try (ClaudeCli.Running claude = ClaudeCli.at(bridgeUrl()).prompt("say hi").start()) {
            await(() -> inFlight() > 0, 60, "Claude Code's request to reach the bridge");
            DetourProcess.Result restart = detour("restart", "main");
            long after = pidFile().read().orElseThrow();
            assertEquals(0, restart.exitCode(), restart.stderr());
            assertEquals("main: restarted (pid " + before + " -> " + after + ")\n", restart.stdout());
            ClaudeCli.Result result = claude.await();
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().contains("Answer from sim-up"), result.toString());
            assertNotEquals(before, after);
            assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(after, stats().pid());
        }
    }

    @Test
    void runStartsTheBridgeAndClaudeCodeAnswersThroughIt() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/.claude")).getParent();
        Map<String, String> env = new HashMap<>(env());
        env.put("HOME", home.toString());
        env.put("CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
        env.put("ANTHROPIC_API_KEY", ClaudeCli.DUMMY_KEY);
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        DetourProcess.Result run = DetourProcess.run(env, dir, 120, "run", "main", "--config", config.toString(),
                "--", ClaudeCli.binary().toString(), "-p", "say hi");
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("Answer from sim-up"), run.stdout());
        long pid = pidFile().read().orElseThrow();
        assertTrue(run.stderr().contains("started the bridge for main (pid " + pid + ")"), run.stderr());
        BridgeStats stats = stats();
        assertFalse(stats.requests().isEmpty(), "the answer came through the bridge");
        assertEquals("sim", stats.requests().get(stats.requests().size() - 1).upstream());

        DetourProcess.Result exitCode = DetourProcess.run(env, dir, 60, "run", "main", "--config", config.toString(),
                "--", "sh", "-c", "test \"$ANTHROPIC_BASE_URL\" = \"" + bridgeUrl() + "\" && exit 7");
        assertEquals(7, exitCode.exitCode(), exitCode.stderr());
        assertEquals("", exitCode.stderr(), "the bridge was running already");
    }

    private DetourProcess.Result detour(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return DetourProcess.run(env(), dir, 90, all.toArray(String[]::new));
    }

    /** Starts detour as the leader of a new session and process group, like a command typed in a terminal. */
    private Process startInOwnGroup(String... args) throws IOException {
        // a terminal's shell has SIGHUP at its default; under nohup (or a CI runner that ignores it) the JVM would
        // inherit the ignore and keep ignoring the hangup this test sends
        List<String> command = new ArrayList<>(List.of("setsid", "env", "--default-signal=HUP"));
        command.addAll(DetourProcess.command(args));
        command.add("--config");
        command.add(config.toString());
        Path out = Files.createTempFile(dir, "watcher", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env());
        Process process = builder.start();
        watchers.add(process);
        outputs.put(process, out);
        return process;
    }

    private final Map<Process, Path> outputs = new HashMap<>();

    private String output(Process process) {
        try {
            return Files.readString(outputs.get(process));
        } catch (IOException e) {
            return "";
        }
    }

    private Map<String, String> env() {
        return Map.of("XDG_STATE_HOME", dir.resolve("state").toString());
    }

    private PidFile pidFile() {
        return new PidFile(dir.resolve("state/detour/bridges/main.pid"));
    }

    private EventJournal journal() {
        return new EventJournal(dir.resolve("state/detour/events.jsonl"));
    }

    private long restarts() {
        try {
            return journal().newest(100).stream().filter(e -> e.kind().equals("bridge_restart")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private String bridgeUrl() throws IOException {
        return BridgeClient.forSession(port, dir.resolve("state/detour/bridges/main.token")).baseUrl();
    }

    /** The bridge's stats, asked again (bounded, 30 s) while a bridge just (re)started is too busy to answer. */
    private BridgeStats stats() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return statsOnce();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private BridgeStats statsOnce() throws IOException {
        return BridgeClient.forSession(port, dir.resolve("state/detour/bridges/main.token")).stats();
    }

    private int inFlight() {
        try {
            return statsOnce().inFlight();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
