package dev.detour.supervise;

import dev.detour.config.Failover;
import dev.detour.config.Session;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.Tmux;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real processes: one pointed at a bridge port, one named claude without a base URL, one in a tmux pane. */
class AgentDiscoveryTest {
    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final List<Long> paneProcesses = new ArrayList<>();
    private Path tmuxSocket;

    @AfterEach
    void cleanUp() throws Exception {
        started.forEach(p -> DetourProcess.kill(p.toHandle()));
        paneProcesses.forEach(pid -> ProcessHandle.of(pid).ifPresent(DetourProcess::kill));
        if (tmuxSocket != null) {
            new ProcessBuilder("tmux", "-S", tmuxSocket.toString(), "kill-server").start().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void attachedAndBypassingAgentsWithPaneAndClaudeState() throws Exception {
        int port = freePort();
        String bridgeUrl = "http://127.0.0.1:" + port + "/t/secret-token";
        Path claude = dir.resolve("bin/claude");
        Files.createDirectories(claude.getParent());
        Files.copy(Path.of("/bin/sleep"), claude);
        Path claudeConfig = dir.resolve("claude-config");
        Path work = Files.createDirectories(dir.resolve("work"));

        Process attached = start(List.of("sleep", "300"), Map.of("ANTHROPIC_BASE_URL", bridgeUrl), work);
        Process bypassing = start(List.of(claude.toString(), "301"),
                Map.of("CLAUDE_CONFIG_DIR", claudeConfig.toString()), work);
        Files.createDirectories(claudeConfig.resolve("sessions"));
        Files.writeString(claudeConfig.resolve("sessions/" + bypassing.pid() + ".json"),
                "{\"pid\":" + bypassing.pid() + ",\"status\":\"busy\",\"sessionId\":\"abc\",\"newField\":[1]}");

        boolean withTmux = Tmux.present();
        if (withTmux) {
            tmuxSocket = dir.resolve("tmux.sock");
            Process tmux = new ProcessBuilder("tmux", "-S", tmuxSocket.toString(), "new-session", "-d", "-s", "agents",
                    "exec env ANTHROPIC_BASE_URL=" + bridgeUrl + " " + claude + " 302").start();
            assertTrue(tmux.waitFor(10, TimeUnit.SECONDS) && tmux.exitValue() == 0, "tmux new-session failed");
        } else {
            System.out.println("tmux is not installed: skipping the tmux pane part of the discovery test");
        }

        Session main = new Session("main", port, List.of("anthropic"), Failover.SAME_FAMILY);
        AgentDiscovery discovery = new AgentDiscovery(ProcFs.system(), dir.resolve("no-claude"),
                () -> withTmux ? TmuxPanes.list(tmuxSocket) : TmuxPanes.list());
        AgentScan scan = awaitScan(discovery, main, withTmux ? 2 : 1);

        Agent sleeper = find(scan.attached(), attached.pid());
        assertEquals("main", sleeper.session());
        assertEquals("http://127.0.0.1:" + port + "/t/***", sleeper.baseUrl());
        assertEquals(work.toRealPath().toString(), sleeper.cwd());
        assertTrue(sleeper.command().startsWith("sleep 300"), sleeper.command());
        assertNotNull(sleeper.startTime());

        Agent direct = find(scan.bypassing(), bypassing.pid());
        assertEquals(null, direct.session());
        assertEquals(null, direct.baseUrl());
        assertEquals("busy", direct.claude().status());
        assertEquals("abc", direct.claude().sessionId());

        if (withTmux) {
            Agent inPane = scan.attached().stream().filter(a -> a.command().endsWith("claude 302")).findFirst()
                    .orElseThrow(() -> new AssertionError("tmux agent not attached: " + scan));
            paneProcesses.add(inPane.pid());
            assertEquals("agents:0.0", inPane.tmuxPane());
            assertEquals("main", inPane.session());
        }

        assertTrue(scan.attached().stream().noneMatch(a -> a.pid() == ProcessHandle.current().pid()));
        assertTrue(scan.bypassing().stream().noneMatch(a -> a.pid() == attached.pid()));
    }

    private AgentScan awaitScan(AgentDiscovery discovery, Session session, int attachedWanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AgentScan scan = discovery.scan(List.of(session));
        while (scan.attached().size() < attachedWanted && System.nanoTime() < deadline) {
            Thread.sleep(100);
            scan = discovery.scan(List.of(session));
        }
        return scan;
    }

    private Process start(List<String> command, Map<String, String> env, Path cwd) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        AgentClassifier.BASE_URL_VARS.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static Agent find(List<Agent> agents, long pid) {
        return agents.stream().filter(a -> a.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("pid " + pid + " not in " + agents));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
