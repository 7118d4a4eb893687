package dev.detour.tui.shell;

import dev.detour.tui.model.BridgeState;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.shell.Sources;
import dev.detour.tui.shell.SupervisedBridges;

import dev.detour.testing.TestConfig;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.supervise.Supervisor;
import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's s and b keys end here: real bridge processes started, restarted and stopped by the supervisor. */
class SupervisedBridgesTest {
    @Test
    void startRestartStopARealBridgeAndSeeItThroughTheBridgePoller(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = TestConfig.create().anthropic("anthropic", "http://127.0.0.1:9").session("main", port, "anthropic")
                .write(dir);
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        Supervisor supervisor = Supervisor.forThisProcess(paths, config);
        SupervisedBridges bridges = new SupervisedBridges(supervisor, config);
        Session main = ConfigLoader.load(config).config().session("main").orElseThrow();
        try {
            Outcome started = bridges.start(List.of("main"));
            assertEquals("bridge main: started", started.message(), started.toString());
            BridgeView running = answering(paths, supervisor, main);
            assertEquals(BridgeState.RUNNING, running.state());
            assertEquals(port, running.stats().port());
            long firstPid = running.pid();

            Outcome restarted = bridges.restart(List.of("main"));
            assertEquals("bridge main: restarted", restarted.message(), restarted.toString());
            BridgeView again = answering(paths, supervisor, main);
            assertEquals(BridgeState.RUNNING, again.state());
            assertTrue(again.pid() != firstPid, "a new bridge process");

            Outcome stopped = bridges.stop(List.of("main"));
            assertTrue(stopped.message().startsWith("bridge main: stopped"), stopped.toString());
            assertEquals(BridgeState.STOPPED, Sources.bridge(paths, supervisor, main, Instant.now()).state());

            Outcome unknown = bridges.start(List.of("nope"));
            assertTrue(unknown.error() && unknown.message().contains("nope: no longer in the config"), unknown.toString());
        } finally {
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(config.toString()))
                    .forEach(DetourProcess::kill);
        }
    }

    /** The bridge as the poller sees it once its stats answer ("started" means it accepts connections; on a busy
     * machine the first stats request can still time out), within 15 s. */
    private static BridgeView answering(DetourPaths paths, Supervisor supervisor, Session session) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        BridgeView view = Sources.bridge(paths, supervisor, session, Instant.now());
        while (view.state() == BridgeState.STARTING && System.nanoTime() < deadline) {
            Thread.sleep(200);
            view = Sources.bridge(paths, supervisor, session, Instant.now());
        }
        return view;
    }
}
