package dev.detour.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.Tmux;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** {@code detour doctor} as a real process against servers on 127.0.0.1. */
class DoctorCommandTest {
    private static final long TIMEOUT_S = 60;
    /** Probes on loopback answer at once, but a loaded machine can take longer than the 3 s default. */
    private static final String PROBE_TIMEOUT_S = "20";

    @TempDir
    Path dir;
    @TempDir
    static Path certDir;
    static Loopback.TestCert cert;

    @BeforeAll
    static void makeCertificate() throws Exception {
        cert = Loopback.TestCert.generate(certDir);
    }

    /** A control host that answers over TLS with a certificate the detour process trusts (see {@link #env()}). */
    static Loopback.Server control() throws IOException {
        return Loopback.https(cert, new Loopback.Answer(204, "text/plain", "", Map.of(), 0));
    }

    private Map<String, String> env() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg-config").toString());
        Files.createDirectories(dir.resolve("tmux"));
        env.put("TMUX_TMPDIR", dir.resolve("tmux").toString());
        env.put("TMUX", "");
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_TOOL_OPTIONS", cert.trustStoreOptions());
        return env;
    }

    private Path config(String text) throws IOException {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static String upstream(String name, String baseUrl, String auth) {
        return "[upstreams." + name + "]\nfamily = \"anthropic\"\nbase_url = \"" + baseUrl + "\"\nauth = \"" + auth + "\"\n\n";
    }

    /** stderr without the JVM's note that it picked up JAVA_TOOL_OPTIONS. */
    static String stderr(DetourProcess.Result r) {
        return r.stderr().replaceAll("(?m)^Picked up JAVA_TOOL_OPTIONS:.*\n", "");
    }

    private static List<String> lines(DetourProcess.Result r) {
        return r.stdout().lines().toList();
    }

    private static boolean has(DetourProcess.Result r, String prefix) {
        return lines(r).stream().anyMatch(l -> l.startsWith(prefix));
    }

    @Test
    void aHealthySetupHasOnlyOkLinesApartFromAgentsOthersRunOnThisMachine() throws Exception {
        try (Loopback.Server good = Loopback.http(Loopback.Answer.json(200, "{\"data\":[]}"));
             Loopback.Server control = control()) {
            Path file = config("[settings]\ncontrol_hosts = [\"127.0.0.1:" + control.port() + "\"]\n\n"
                    + upstream("good", good.url(), "passthrough")
                    + "[sessions.main]\nport = 18781\nroute = [\"good\"]\n");
            DetourProcess.Result r = DetourProcess.run(env(), dir, TIMEOUT_S, "doctor", "--timeout", PROBE_TIMEOUT_S, "--config", file.toString());
            assertEquals("", stderr(r));
            assertTrue(has(r, "ok       config  " + file + " is valid"), r.stdout());
            assertTrue(has(r, "ok       config  " + file + " is writable only by you (rw-------)"), r.stdout());
            assertTrue(has(r, "ok       state   " + dir.resolve("state/detour") + " does not exist yet"), r.stdout());
            assertTrue(has(r, "ok       ladder  good: dns 0 ms (IP address), connect "), r.stdout());
            assertTrue(r.stdout().contains("tls not used (plain http), http ") && r.stdout().contains(" ms (200 models listed)"), r.stdout());
            assertTrue(has(r, "ok       edge    network: 1 of 1 control hosts reachable"), r.stdout());
            assertTrue(has(r, "ok       tmux    tmux is not running here"), r.stdout());
            for (String line : lines(r)) {
                assertTrue(line.startsWith("ok ") || line.startsWith("PROBLEM  agents  "), "unexpected problem: " + line);
            }
            boolean anyProblem = lines(r).stream().anyMatch(l -> l.startsWith("PROBLEM"));
            assertEquals(anyProblem ? 1 : 0, r.exitCode(), r.stdout());
        }
    }

    @Test
    void problemsAreOneLineEachAndExitOne() throws Exception {
        try (Loopback.Server good = Loopback.http(Loopback.Answer.json(200, "{\"data\":[]}"))) {
            int closed = Loopback.closedPort();
            Path file = config("[settings]\ncontrol_hosts = [\"127.0.0.1:" + good.port() + "\"]\n\n"
                    + upstream("good", good.url(), "passthrough")
                    + upstream("gone", "http://127.0.0.1:" + closed, "env:DETOUR_TEST_GONE_KEY")
                    + "[sessions.main]\nport = 18781\nroute = [\"gone\", \"good\"]\n");
            Path state = dir.resolve("state/detour");
            Files.createDirectories(state.resolve("bridges"));
            Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path token = state.resolve("bridges/main.token");
            Files.writeString(token, "secret-token-value");
            Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
            DetourProcess.Result r = DetourProcess.run(env(), dir, TIMEOUT_S, "doctor", "--timeout", PROBE_TIMEOUT_S, "--config", file.toString());
            assertEquals(1, r.exitCode(), r.stdout());
            assertTrue(has(r, "PROBLEM  state   " + state + " is open to group or others (rwxr-xr-x): it holds the bridges' tokens; run chmod 700 " + state), r.stdout());
            assertTrue(has(r, "PROBLEM  state   " + token + " is readable by group or others (rw-r--r--)"), r.stdout());
            assertTrue(has(r, "PROBLEM  key     gone: DETOUR_TEST_GONE_KEY is not set (auth = \"env:DETOUR_TEST_GONE_KEY\")"), r.stdout());
            assertTrue(has(r, "PROBLEM  ladder  gone: unreachable at connect: connection refused [dns 0 ms (IP address), connect failed]"), r.stdout());
            assertTrue(has(r, "ok       ladder  good: "), r.stdout());
            assertFalse(r.stdout().contains("secret-token-value"));
        }
    }

    @Test
    void aBadConfigIsAFindingWithFileAndLine() throws Exception {
        Path file = config("[sessions.main]\nport = 18781\nroute = [\"nowhere\"]\n");
        DetourProcess.Result r = DetourProcess.run(env(), dir, TIMEOUT_S, "doctor", "--timeout", PROBE_TIMEOUT_S, "--config", file.toString());
        assertEquals(1, r.exitCode());
        assertTrue(lines(r).get(0).startsWith("PROBLEM  config  " + file + ":3: sessions.main.route"), r.stdout());
    }

    @Test
    void anAgentThatBypassesDetourIsListedWithPidAndDirectory() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeClaude = Files.createSymbolicLink(bin.resolve("claude"), Path.of("/bin/sleep"));
        Path project = Files.createDirectories(dir.resolve("project"));
        ProcessBuilder pb = new ProcessBuilder(fakeClaude.toString(), "60").directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("ANTHROPIC_BASE_URL");
        pb.environment().remove("OPENAI_BASE_URL");
        Process agent = pb.start();
        try (Loopback.Server good = Loopback.http(Loopback.Answer.json(200, "{\"data\":[]}"));
             Loopback.Server control = control()) {
            Path file = config("[settings]\ncontrol_hosts = [\"127.0.0.1:" + control.port() + "\"]\n\n"
                    + upstream("good", good.url(), "passthrough")
                    + "[sessions.main]\nport = 18781\nroute = [\"good\"]\n");
            DetourProcess.Result r = DetourProcess.run(env(), dir, TIMEOUT_S, "doctor", "--timeout", PROBE_TIMEOUT_S, "--json", "--config", file.toString());
            assertEquals(1, r.exitCode(), r.stdout());
            JsonNode json = new ObjectMapper().readTree(r.stdout());
            assertFalse(json.get("ok").asBoolean());
            boolean listed = false;
            for (JsonNode f : json.get("findings")) {
                String text = f.get("text").asText();
                if (f.get("check").asText().equals("agents") && text.startsWith("pid " + agent.pid() + " ")) {
                    listed = true;
                    assertFalse(f.get("ok").asBoolean());
                    assertTrue(text.contains(" in " + project.toRealPath() + " bypasses detour (no base URL)"), text);
                    assertTrue(text.endsWith("restart it with `detour run main -- claude`"), text);
                }
            }
            assertTrue(listed, r.stdout());
        } finally {
            DetourProcess.kill(agent.toHandle());
        }
    }

    @Test
    void tmuxEscapeTimeIsCheckedWhenTmuxRuns() throws Exception {
        Tmux.assumePresent("the doctor's tmux escape-time check");
        Path socket = Files.createDirectories(dir.resolve("tmux")).resolve("test.sock");
        assertTrue(tmux(socket, "new-session", "-d", "-s", "doctor-test"), "tmux new-session failed");
        try {
            assertTrue(tmux(socket, "set", "-sg", "escape-time", "500"));
            Map<String, String> env = env();
            env.put("TMUX", socket + ",0,0");
            Path file = config(upstream("good", "http://127.0.0.1:" + Loopback.closedPort(), "passthrough"));
            DetourProcess.Result slow = DetourProcess.run(env, dir, TIMEOUT_S, "doctor", "--timeout", PROBE_TIMEOUT_S, "--config", file.toString());
            assertTrue(has(slow, "PROBLEM  tmux    tmux escape-time is 500 ms: Esc reaches the dashboard late; "
                    + "add `set -sg escape-time 25` to ~/.tmux.conf"), slow.stdout());
            assertTrue(tmux(socket, "set", "-sg", "escape-time", "10"));
            DetourProcess.Result quick = DetourProcess.run(env, dir, TIMEOUT_S, "doctor", "--timeout", PROBE_TIMEOUT_S, "--config", file.toString());
            assertTrue(has(quick, "ok       tmux    tmux escape-time is 10 ms"), quick.stdout());
        } finally {
            tmux(socket, "kill-server");
        }
    }

    private static boolean tmux(Path socket, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("tmux", "-S", socket.toString()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("tmux", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("TMUX");
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            DetourProcess.kill(p.toHandle());
            return false;
        }
        System.out.println("tmux " + cmd + " -> " + p.exitValue() + ": " + Files.readString(log));
        Files.delete(log);
        return p.exitValue() == 0;
    }
}
