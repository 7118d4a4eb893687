package dev.detour.supervise;

import com.moandjiezana.toml.Toml;
import dev.detour.config.Failover;
import dev.detour.config.Session;
import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pointing Codex at a bridge (overrides, config.toml) and finding Codex processes that are (or are not) pointed. */
class CodexProviderTest {
    private static final String BRIDGE = "http://127.0.0.1:8781/t/tok";
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(p -> DetourProcess.kill(p.toHandle()));
    }

    @Test
    void overridesGoRightAfterTheProgram() {
        List<String> command = CodexProvider.withOverrides(List.of("codex", "exec", "fix it"), "main", BRIDGE, "OPENAI_API_KEY");
        assertEquals(List.of("codex", "-c", "model_provider=detour-main", "-c", "model_providers.detour-main.name=detour main",
                "-c", "model_providers.detour-main.base_url=http://127.0.0.1:8781/t/tok/v1",
                "-c", "model_providers.detour-main.wire_api=responses",
                "-c", "model_providers.detour-main.env_key=OPENAI_API_KEY", "exec", "fix it"), command);
        assertFalse(CodexProvider.withOverrides(List.of("/usr/bin/codex"), "main", BRIDGE, null).toString().contains("env_key"));
        assertTrue(CodexProvider.isCodex(List.of("/opt/bin/codex", "exec")));
        assertFalse(CodexProvider.isCodex(List.of("claude")));
        assertEquals(BRIDGE + "/v1", CodexProvider.baseUrlOf(command, null));
    }

    @Test
    void theDashboardTellsCodexFromClaudeCode() {
        assertEquals("codex", agent("node /usr/lib/node_modules/@openai/codex/bin/codex.js exec hi").kind());
        assertEquals("codex", agent("/opt/codex/vendor/x86_64-unknown-linux-musl/codex/codex -c x=y").kind());
        assertEquals("claude", agent("node /home/me/.npm/bin/claude -p hi").kind());
        assertNull(agent("sleep 300").kind());
    }

    private static Agent agent(String command) {
        return new Agent(1, command, "/tmp", java.time.Instant.now(), null, null, null, null);
    }

    @Test
    void theConfigTomlIsValidTomlThatPointsAtTheBridge() {
        String text = CodexProvider.configToml("main", BRIDGE, "OPENAI_API_KEY");
        Toml toml = new Toml().read(text);
        assertEquals("responses", toml.getString("model_providers.detour-main.wire_api"));
        assertEquals("OPENAI_API_KEY", toml.getString("model_providers.detour-main.env_key"));
        assertEquals("detour-main", toml.getString("profiles.detour-main.model_provider"));
        assertNull(CodexProvider.baseUrlOf(List.of("codex"), text), "the profile alone does not switch the default provider");
        assertEquals(BRIDGE + "/v1", CodexProvider.baseUrlOf(List.of("codex"), "model_provider = \"detour-main\"\n" + text));
        assertNull(CodexProvider.baseUrlOf(List.of("codex"), "this is = = not toml"));
    }

    @Test
    void codexProcessesAreAttachedByOverrideOrConfigAndOtherwiseBypassing() throws Exception {
        int port = AgentDiscoveryTest.freePort();
        String bridge = "http://127.0.0.1:" + port + "/t/secret";
        Path codex = dir.resolve("bin/codex");
        Files.createDirectories(codex.getParent());
        Files.copy(Path.of("/bin/sh"), codex);
        Path home = Files.createDirectories(dir.resolve("codex-home"));
        Files.writeString(home.resolve("config.toml"), "model_provider = \"detour-main\"\n"
                + CodexProvider.configToml("main", bridge, null));
        Path empty = Files.createDirectories(dir.resolve("empty-home"));
        Process byOverride = start(List.of(codex.toString(), "-c", "sleep 300; :", "-c", "model_provider=detour-main",
                "-c", "model_providers.detour-main.base_url=" + bridge + "/v1"), Map.of("CODEX_HOME", empty.toString()));
        Process byConfig = start(List.of(codex.toString(), "-c", "sleep 301; :"), Map.of("CODEX_HOME", home.toString()));
        Process direct = start(List.of(codex.toString(), "-c", "sleep 302; :"), Map.of("CODEX_HOME", empty.toString()));

        Session main = new Session("main", port, List.of("openai"), Failover.SAME_FAMILY);
        AgentDiscovery discovery = new AgentDiscovery(ProcFs.system(), dir.resolve("no-claude"), TmuxPanes::list);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AgentScan scan = discovery.scan(List.of(main));
        while ((scan.attached().size() < 2 || scan.bypassing().stream().noneMatch(a -> a.pid() == direct.pid()))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            scan = discovery.scan(List.of(main));
        }
        AgentScan found = scan;
        Agent overridden = found.attached().stream().filter(a -> a.pid() == byOverride.pid()).findFirst()
                .orElseThrow(() -> new AssertionError("not attached: " + found));
        assertEquals("main", overridden.session());
        assertEquals("http://127.0.0.1:" + port + "/t/***/v1", overridden.baseUrl());
        assertTrue(found.attached().stream().anyMatch(a -> a.pid() == byConfig.pid()), found.toString());
        assertTrue(found.bypassing().stream().anyMatch(a -> a.pid() == direct.pid()), found.toString());
        assertTrue(found.attached().stream().noneMatch(a -> a.command().startsWith("sleep")), "the shells' children are not agents");
    }

    private Process start(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        AgentClassifier.BASE_URL_VARS.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }
}
