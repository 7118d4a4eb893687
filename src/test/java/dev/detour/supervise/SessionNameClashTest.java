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

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private DetourProcess.Result detour(Path config, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        return DetourProcess.run(Map.of("XDG_STATE_HOME", dir.resolve("state").toString()), dir, 90, all.toArray(String[]::new));
    }
}
