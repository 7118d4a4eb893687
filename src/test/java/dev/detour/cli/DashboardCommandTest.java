package dev.detour.cli;

import dev.detour.testing.DetourProcess;
import dev.detour.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a terminal the dashboard and the demo refuse clearly, with exit 2 and no stack trace. */
class DashboardCommandTest {
    @Test
    void withoutATerminalTheDashboardAndTheDemoRefuseWithExit2(@TempDir Path dir) throws Exception {
        Path config = TestConfig.demoLike().write(dir);
        Map<String, String> env = Map.of("XDG_STATE_HOME", dir.resolve("state").toString());
        for (String[] args : new String[][]{{"--config", config.toString()}, {"demo"}, {"--read-only", "--no-color"}}) {
            DetourProcess.Result r = DetourProcess.run(env, dir, 60, args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
            assertTrue(r.stderr().contains("the dashboard needs a terminal") && r.stderr().contains("detour status"), r.stderr());
            assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r.stderr());
        }
        assertFalse(Files.exists(dir.resolve("state").resolve("detour").resolve("dashboard.log")), "nothing was started");
    }

    @Test
    void helpNamesTheDashboardFlags(@TempDir Path dir) throws Exception {
        DetourProcess.Result r = DetourProcess.run(Map.of(), dir, 60, "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().contains("--read-only") && r.stdout().contains("--no-color") && r.stdout().contains("demo"), r.stdout());
    }
}
