package dev.detour.team;

import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team options of reroute and family without a Redis: usage errors (exit 2) and an unreachable Redis (exit 1). */
class TeamCliTest {
    @TempDir
    Path dir;

    private DetourProcess.Result run(TeamBox box, String... args) throws Exception {
        return box.detour(args);
    }

    @Test
    void teamOptionsAreCheckedAndAnUnreachableRedisPublishesNothing() throws Exception {
        TeamBox box = new TeamBox(dir, "box-1", "redis://127.0.0.1:" + FreePort.closed() + "/0",
                TeamBox.upstreams("anthropic", "http://127.0.0.1:9", "corp-proxy", "http://127.0.0.1:9"), "off");
        String before = Files.readString(box.config);

        DetourProcess.Result noTeamFlag = run(box, "reroute", "main", "--to", "corp-proxy", "--for", "30m");
        assertEquals(2, noTeamFlag.exitCode());
        assertEquals("detour: --for, --reason and --clear go with --team\n", noTeamFlag.stderr());
        DetourProcess.Result badFor = run(box, "reroute", "main", "--to", "corp-proxy", "--team", "--for", "soon");
        assertEquals(2, badFor.exitCode());
        assertTrue(badFor.stderr().startsWith("detour: --for: \"soon\" is not a duration"), badFor.stderr());
        DetourProcess.Result familyNoTo = run(box, "family", "main", "--team");
        assertEquals(2, familyNoTo.exitCode());
        assertTrue(familyNoTo.stderr().contains("--team needs --to anthropic|openai"), familyNoTo.stderr());

        DetourProcess.Result down = run(box, "reroute", "main", "--to", "corp-proxy", "--team");
        assertEquals(1, down.exitCode(), down.stderr());
        assertTrue(down.stderr().startsWith("detour: Redis at redis://127.0.0.1:"), down.stderr());
        assertTrue(down.stderr().endsWith("; nothing was published\n"), down.stderr());
        assertEquals(before, Files.readString(box.config), "nothing written");

        DetourProcess.Result status = run(box, "status", "--no-health");
        assertEquals(0, status.exitCode(), status.stderr());
        assertTrue(status.stdout().contains("\nTEAM drill  box box-1  Redis redis://127.0.0.1:"), status.stdout());
        assertTrue(status.stdout().contains("  no team view yet\n"), status.stdout());
        assertFalse(status.stdout().contains(TeamBox.SECRET));
    }

    @Test
    void withoutATeamTableTeamOptionsAreAUsageErrorAndStatusHasNoTeamPart() throws Exception {
        Path config = dir.resolve("detour.toml");
        Files.writeString(config, "[upstreams.anthropic]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:9\"\n"
                + "auth = \"passthrough\"\n\n[sessions.main]\nport = " + FreePort.pick() + "\nroute = [\"anthropic\"]\n");
        Map<String, String> env = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(), "DETOUR_CONFIG", "");
        DetourProcess.Result r = DetourProcess.run(env, dir, 30, "reroute", "main", "--to", "anthropic", "--team",
                "--config", config.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("--team needs a [team] table"), r.stderr());
        DetourProcess.Result status = DetourProcess.run(env, dir, 30, "status", "--json", "--no-health", "--config", config.toString());
        assertFalse(status.stdout().contains("\"team\""), status.stdout());
    }

    @Test
    void aMissingSecretVariableIsNamed() throws Exception {
        TeamBox box = new TeamBox(dir, "box-2", "redis://127.0.0.1:" + FreePort.closed() + "/0",
                TeamBox.upstreams("anthropic", "http://127.0.0.1:9"), "off");
        Map<String, String> env = new java.util.HashMap<>(box.env());
        env.remove("DETOUR_TEAM_SECRET");
        DetourProcess.Result r = DetourProcess.run(env, dir, 30, "reroute", "main", "--to", "anthropic", "--team",
                "--config", box.config.toString());
        assertEquals(1, r.exitCode());
        assertEquals("detour: [team] secret: environment variable DETOUR_TEAM_SECRET is not set; team mode needs the team "
                + "secret to sign and verify messages\n", r.stderr());
    }
}
