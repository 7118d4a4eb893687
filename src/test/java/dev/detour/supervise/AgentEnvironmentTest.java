package dev.detour.supervise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void exportsOnlyTheBaseUrlForShAndFish() {
        Map<String, String> vars = AgentEnvironment.variables("http://127.0.0.1:8781/t/tok");
        assertEquals(Map.of("ANTHROPIC_BASE_URL", "http://127.0.0.1:8781/t/tok"), vars);
        assertEquals("export ANTHROPIC_BASE_URL='http://127.0.0.1:8781/t/tok';\n",
                AgentEnvironment.exports(vars, AgentEnvironment.Shell.SH));
        assertEquals("set -gx ANTHROPIC_BASE_URL 'http://127.0.0.1:8781/t/tok';\n",
                AgentEnvironment.exports(vars, AgentEnvironment.Shell.FISH));
    }

    @Test
    void quotesWhatAShellWouldOtherwiseInterpret() {
        assertEquals("'it'\\''s $HOME'", AgentEnvironment.shQuote("it's $HOME"));
        assertEquals("'it\\'s \\\\ $HOME'", AgentEnvironment.fishQuote("it's \\ $HOME"));
    }

    @Test
    void findsABaseUrlInClaudeSettingsAndToleratesEverythingElse() throws Exception {
        Path settings = dir.resolve("settings.json");
        assertEquals(Optional.empty(), AgentEnvironment.settingsOverride(settings));
        Files.writeString(settings, "{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://proxy.example\"},\"model\":\"opus\"}");
        assertEquals(Optional.of("https://proxy.example"), AgentEnvironment.settingsOverride(settings));
        Files.writeString(settings, "{\"env\":{\"OTHER\":\"1\"}}");
        assertEquals(Optional.empty(), AgentEnvironment.settingsOverride(settings));
        Files.writeString(settings, "{ broken");
        assertEquals(Optional.empty(), AgentEnvironment.settingsOverride(settings));
    }
}
