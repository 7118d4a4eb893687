package dev.detour.supervise;

import dev.detour.testing.TestConfig;
import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The supervise commands as real child processes, on paths that need no running bridge. */
class SupervisionCliTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(p -> DetourProcess.kill(p.toHandle()));
    }

    @Test
    void aStalePidFileNamingAnotherProgramIsRemovedAndThatProgramIsNotSignalled() throws Exception {
        Path config = config(AgentDiscoveryTest.freePort());
        Process stranger = new ProcessBuilder("sleep", "300").start();
        started.add(stranger);
        Path pidFile = dir.resolve("state/detour/bridges/main.pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, stranger.pid() + "\n");

        DetourProcess.Result down = DetourProcess.run(env(), dir, 60, "down", "main", "--config", config.toString());
        assertEquals(0, down.exitCode(), down.stderr());
        assertEquals("main: stale pid file removed: pid " + stranger.pid() + " is now another program (sleep 300), "
                + "not signalled\n", down.stdout());
        assertFalse(Files.exists(pidFile));
        assertFalse(stranger.waitFor(500, TimeUnit.MILLISECONDS), "the stranger must still run");

        DetourProcess.Result again = DetourProcess.run(env(), dir, 60, "down", "--config", config.toString());
        assertEquals("main: not running\n", again.stdout());
        assertTrue(stranger.isAlive());
    }

    @Test
    void upOnAPortHeldByAnotherProgramNamesThePortAndItsPid() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            Path config = config(port);
            DetourProcess.Result up = DetourProcess.run(env(), dir, 60, "up", "--config", config.toString());
            assertEquals(1, up.exitCode(), up.stdout());
            assertTrue(up.stderr().startsWith("detour: main: failed: port " + port + " is already in use by pid "
                    + ProcessHandle.current().pid() + " ("), up.stderr());
            assertFalse(Files.exists(dir.resolve("state/detour/bridges/main.pid")), "nothing was started");
        }
    }

    @Test
    void envPrintsTheExportsForShAndFishAndWarnsAboutClaudeSettings() throws Exception {
        int port = AgentDiscoveryTest.freePort();
        Path config = config(port);
        Path token = dir.resolve("state/detour/bridges/main.token");
        Files.createDirectories(token.getParent());
        Files.writeString(token, "tok-0123456789abcdef0123456789abcdef\n");
        String url = "http://127.0.0.1:" + port + "/t/tok-0123456789abcdef0123456789abcdef";

        DetourProcess.Result sh = DetourProcess.run(env(), dir, 60, "env", "main", "--config", config.toString());
        assertEquals(0, sh.exitCode(), sh.stderr());
        assertEquals("export ANTHROPIC_BASE_URL='" + url + "';\n", sh.stdout());
        assertTrue(sh.stderr().contains("the bridge for main is not running"), sh.stderr());

        Files.createDirectories(dir.resolve("home/.claude"));
        Files.writeString(dir.resolve("home/.claude/settings.json"),
                "{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://gateway.example\"}}");
        DetourProcess.Result fish = DetourProcess.run(env(), dir, 60, "env", "main", "--shell", "fish",
                "--config", config.toString());
        assertEquals("set -gx ANTHROPIC_BASE_URL '" + url + "';\n", fish.stdout());
        assertTrue(fish.stderr().contains("settings.json sets env.ANTHROPIC_BASE_URL = https://gateway.example"),
                fish.stderr());
    }

    @Test
    void envBeforeAnyBridgeRanCreatesThePrivateTokenTheBridgeWillUse() throws Exception {
        int port = AgentDiscoveryTest.freePort();
        Path config = config(port);
        DetourProcess.Result env = DetourProcess.run(env(), dir, 60, "env", "main", "--config", config.toString());
        assertEquals(0, env.exitCode(), env.stderr());
        Path token = dir.resolve("state/detour/bridges/main.token");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("export ANTHROPIC_BASE_URL='http://127.0.0.1:" + port + "/t/" + Files.readString(token).trim()
                + "';\n", env.stdout());
    }

    @Test
    void usageErrorsAreExitTwo() throws Exception {
        Path config = config(AgentDiscoveryTest.freePort());
        DetourProcess.Result unknown = DetourProcess.run(env(), dir, 60, "up", "mian", "--config", config.toString());
        assertEquals(2, unknown.exitCode());
        assertEquals("detour: unknown session \"mian\" (configured: main)\n", unknown.stderr());
        DetourProcess.Result shell = DetourProcess.run(env(), dir, 60, "env", "main", "--shell", "tcsh",
                "--config", config.toString());
        assertEquals(2, shell.exitCode());
        assertEquals("detour: --shell must be sh or fish, got 'tcsh'\n", shell.stderr());
        for (String command : List.of("up", "down", "restart", "env", "run")) {
            DetourProcess.Result help = DetourProcess.run(env(), dir, 60, command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.stdout().startsWith("Usage: detour " + command), help.stdout());
        }
    }

    private Map<String, String> env() {
        return Map.of("XDG_STATE_HOME", dir.resolve("state").toString(), "HOME", dir.resolve("home").toString(),
                "CLAUDE_CONFIG_DIR", "");
    }

    private Path config(int port) throws Exception {
        return TestConfig.create().anthropic("anthropic", "https://api.anthropic.com").session("main", port, "anthropic")
                .write(dir);
    }
}
