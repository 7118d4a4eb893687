package dev.detour.supervise;

import dev.detour.sim.AnthropicSim;
import dev.detour.sim.SimServer;
import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two configs that both define a session "main" share the state folder: one must never stop the other's bridge. */
class SessionNameClashTest {
    @TempDir
    Path dir;
    private SimServer sim;
    private Path configA;
    private Path configB;

    @BeforeEach
    void setUp() throws Exception {
        sim = SimServer.start(new AnthropicSim("sim"), 0);
        configA = config("a", AgentDiscoveryTest.freePort());
        configB = config("b", AgentDiscoveryTest.freePort());
    }

    private Path config(String name, int port) throws Exception {
        Path file = Files.createDirectories(dir.resolve(name)).resolve("detour.toml");
        Files.writeString(file, "[upstreams.sim]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + sim.port()
                + "\"\nauth = \"passthrough\"\n\n[sessions.main]\nport = " + port + "\nroute = [\"sim\"]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @AfterEach
    void tearDown() throws Exception {
        OptionalLong pid = new PidFile(dir.resolve("state/detour/bridges/main.pid")).read();
        try {
            detour(configA, "down", "--timeout", "5");
        } finally {
            pid.ifPresent(p -> ProcessHandle.of(p).ifPresent(DetourProcess::kill));
            sim.close();
        }
    }

    @Test
    void theOtherConfigsCommandsRefuseToTouchTheBridge() throws Exception {
        DetourProcess.Result up = detour(configA, "up");
        assertEquals(0, up.exitCode(), up.stderr());
        long pid = new PidFile(dir.resolve("state/detour/bridges/main.pid")).read().orElseThrow();

        DetourProcess.Result down = detour(configB, "down", "main");
        assertEquals(1, down.exitCode(), down.stdout() + down.stderr());
        assertTrue(down.stdout().contains("serves another config, " + configA), down.stdout());
        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive(), "config A's bridge still runs");

        DetourProcess.Result upB = detour(configB, "up", "main");
        assertEquals(1, upB.exitCode(), upB.stdout() + upB.stderr());
        assertTrue((upB.stdout() + upB.stderr()).contains("serves another config"), upB.stdout() + upB.stderr());
        assertEquals(pid, new PidFile(dir.resolve("state/detour/bridges/main.pid")).read().orElseThrow());

        DetourProcess.Result downA = detour(configA, "down", "main");
        assertEquals(0, downA.exitCode(), downA.stderr());
        assertTrue(downA.stdout().startsWith("main: stopped"), downA.stdout());
    }

    /**
     * Every command family given config B, while config A's bridge "main" runs: none touches A's bridge or its pid,
     * token, log or restart files, and each refusal names both configs.
     */
    @Test
    void everyCommandGivenTheOtherConfigLeavesTheBridgeAndItsFilesAlone() throws Exception {
        DetourProcess.Result up = detour(configA, "up");
        assertEquals(0, up.exitCode(), up.stderr());
        Path bridges = dir.resolve("state/detour/bridges");
        long pid = new PidFile(bridges.resolve("main.pid")).read().orElseThrow();
        byte[] token = Files.readAllBytes(bridges.resolve("main.token"));
        byte[] configABytes = Files.readAllBytes(configA);

        List<String> refusals = new ArrayList<>();
        for (String[] command : List.of(new String[]{"up", "main"}, new String[]{"down", "main"},
                new String[]{"restart", "main", "--timeout", "5"}, new String[]{"env", "main"},
                new String[]{"run", "main", "--", "true"})) {
            DetourProcess.Result r = detour(configB, command);
            String said = r.stdout() + r.stderr();
            assertEquals(1, r.exitCode(), command[0] + ": " + said);
            assertTrue(said.contains("serves another config, " + configA) && said.contains("not " + configB),
                    command[0] + " names both configs: " + said);
            assertFalse(said.contains("Exception"), said);
            refusals.add(command[0]);
        }
        assertEquals(List.of("up", "down", "restart", "env", "run"), refusals);

        DetourProcess.Result status = detour(configB, "status", "--json", "--no-health");
        assertEquals(0, status.exitCode(), status.stderr());
        assertFalse(status.stdout().contains(Long.toString(pid)), "B's status does not show A's bridge: " + status.stdout());
        assertTrue(status.stdout().contains("\"stopped\""), status.stdout());

        // the dashboard and its crash watcher see B's "main" through the supervisor's state
        Supervisor dashboardOfB = Supervisor.forThisProcess(new dev.detour.config.DetourPaths(dir.resolve("state/detour")), configB);
        BridgeState seen = dashboardOfB.state(new dev.detour.config.Session("main", 1, List.of("sim"),
                dev.detour.config.Failover.OFF));
        assertEquals(BridgeStatus.STOPPED, seen.status());
        assertEquals(null, seen.pid());
        assertTrue(seen.lastLogLine().contains("serves another config, " + configA), seen.lastLogLine());
        List<String> logOfB = new dev.detour.tui.shell.BridgeLogs(dashboardOfB.paths(), dashboardOfB).tail("main")
                .logTail().lines();
        assertEquals(1, logOfB.size(), "B's dashboard shows no line of A's log: " + logOfB);
        assertTrue(logOfB.get(0).contains("not " + configB), logOfB.get(0));

        assertTrue(ProcessHandle.of(pid).orElseThrow().isAlive(), "config A's bridge still runs");
        assertEquals(pid, new PidFile(bridges.resolve("main.pid")).read().orElseThrow());
        assertArrayEquals(token, Files.readAllBytes(bridges.resolve("main.token")));
        assertArrayEquals(configABytes, Files.readAllBytes(configA));
        DetourProcess.Result statusA = detour(configA, "status", "--json", "--no-health");
        assertTrue(statusA.stdout().contains(Long.toString(pid)), statusA.stdout());
    }

    private DetourProcess.Result detour(Path config, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(1, List.of("--config", config.toString())); // before a "--" that ends detour's own arguments
        return DetourProcess.run(Map.of("XDG_STATE_HOME", dir.resolve("state").toString()), dir, 90, all.toArray(String[]::new));
    }
}
