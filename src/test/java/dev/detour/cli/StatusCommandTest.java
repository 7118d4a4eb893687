package dev.detour.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.config.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {
    @TempDir
    Path dir;

    @Test
    void statusShowsSessionsRoutesDerivedFamilyAndUpstreams() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        CliRun run = CliRun.of("status", "--no-health", "--config", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("config  " + file, lines.get(0));
        assertTrue(lines.get(2).matches("SESSION +PORT +FAMILY +ROUTE +FAILOVER"), lines.get(2));
        assertTrue(lines.get(3).matches("main +8781 +anthropic +anthropic +same-family"), lines.get(3));
        String arrow = " " + Glyphs.arrow() + " ";
        assertTrue(lines.get(4).matches("review +8782 +anthropic +corp-proxy" + arrow + "anthropic" + arrow + "openai +any"), lines.get(4));
        assertTrue(java.util.regex.Pattern.compile("(?m)^openai +openai +https://api\\.openai\\.com/v1 +env:OPENAI_API_KEY")
                .matcher(run.out()).find(), run.out());
        assertTrue(java.util.regex.Pattern.compile("(?m)^bedrock-west +bedrock us-west-2 +https://bedrock-runtime\\.us-west-2"
                + "\\.amazonaws\\.com +aws$").matcher(run.out()).find(), run.out());
    }

    @Test
    void statusJsonIsValidAndNeverHoldsAKeyValue() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        CliRun run = CliRun.of("status", "--json", "--no-health", "--config", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(file.toString(), json.get("config").asText());
        JsonNode review = json.get("sessions").get(1);
        assertEquals("review", review.get("name").asText());
        assertEquals(8782, review.get("port").asInt());
        assertEquals("anthropic", review.get("family").asText());
        assertEquals("corp-proxy", review.get("route").get(0).asText());
        assertEquals(3, review.get("route").size());
        JsonNode openai = json.get("upstreams").get(3);
        assertEquals("openai", openai.get("family").asText());
        assertEquals("https://api.openai.com/v1", openai.get("base_url").asText());
        assertEquals("env:OPENAI_API_KEY", openai.get("auth").asText());
        assertTrue(openai.has("key_set"));
        assertFalse(json.get("upstreams").get(0).has("key_set"), "passthrough has no key of its own");
    }

    @Test
    void aBadConfigIsExitTwoWithFileLineAndKey() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml",
                TestConfigs.shipped().replace("port = 8781", "port = 99999"), "rw-------");
        CliRun run = CliRun.of("status", "--no-health", "--config", file.toString());
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        int line = TestConfigs.shipped().lines().toList().indexOf("port = 8781") + 1;
        assertEquals("detour: " + file + ":" + line + ": sessions.main.port: port 99999 is outside 1024–65535\n", run.err());
    }

    @Test
    void warningsGoToStderrOneLineEachAndTheCommandStillWorks() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml",
                TestConfigs.shipped().replace("failover = \"same-family\"", "failover = \"same-family\"\nfailovr = \"any\""),
                "rw-rw-rw-");
        CliRun run = CliRun.of("status", "--no-health", "--config", file.toString());
        assertEquals(0, run.exitCode());
        List<String> err = run.err().lines().toList();
        assertEquals(2, err.size(), run.err());
        assertTrue(err.get(0).startsWith("detour: warning: " + file + ": writable by group or others"), err.get(0));
        assertTrue(err.get(1).startsWith("detour: warning: " + file + ":") && err.get(1).contains("sessions.main.failovr: unknown key"), err.get(1));
    }

    @Test
    void aMissingExplicitConfigIsAnErrorAndNotCreated() {
        Path missing = dir.resolve("typo.toml");
        CliRun run = CliRun.of("status", "--no-health", "--config", missing.toString());
        assertEquals(2, run.exitCode());
        assertEquals("detour: " + missing + ": no such file\n", run.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("status", "reroute", "family")) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.exitCode(), command);
            assertTrue(run.out().startsWith("Usage: detour " + command), run.out());
        }
        CliRun root = CliRun.of("--help");
        assertTrue(root.out().contains("status") && root.out().contains("reroute") && root.out().contains("family"));
    }

    @Test
    void usageErrorsAreExitTwoAndWriteNothing() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", TestConfigs.shippedWithExamples(), "rw-------");
        byte[] before = Files.readAllBytes(file);
        CliRun noTarget = CliRun.of("reroute", "main", "--config", file.toString());
        assertEquals(2, noTarget.exitCode());
        assertTrue(noTarget.err().contains("Missing required option: '--to=UPSTREAM'"), noTarget.err());
        CliRun badFamily = CliRun.of("family", "main", "--to", "gemini", "--config", file.toString());
        assertEquals(2, badFamily.exitCode());
        assertEquals("detour: --to: \"gemini\" is not a family: expected anthropic or openai\n", badFamily.err());
        CliRun unknown = CliRun.of("reroute", "main", "mian", "--to", "openai", "--config", file.toString());
        assertEquals(2, unknown.exitCode());
        assertEquals("detour: unknown session \"mian\" (configured: main, review)\n", unknown.err());
        assertEquals("", unknown.out());
        assertEquals(new String(before), Files.readString(file), "no session was changed: the change is all or nothing");
    }
}
