package dev.detour.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code api} key of an upstream: a dialect of its family, the family's default when absent. */
class ApiKeyTest {
    @TempDir
    Path dir;

    private Config load(String text) throws ConfigException {
        return ConfigLoader.parse(dir.resolve("detour.toml"), text).config();
    }

    private static String withOpenAi(String lines) {
        return ConfigValidationTest.VALID.replace("auth = \"env:OPENAI_API_KEY\"", lines);
    }

    @Test
    void eachFamilyHasItsDefaultAndResponsesIsAccepted() throws Exception {
        Config config = load(withOpenAi("auth = \"env:OPENAI_API_KEY\"\napi = \"responses\""));
        assertEquals("responses", config.upstream("openai").orElseThrow().dialect());
        assertEquals("messages", config.upstream("anthropic").orElseThrow().dialect());
        assertEquals("chat", load(ConfigValidationTest.VALID).upstream("openai").orElseThrow().dialect());
        assertEquals("chat", load(withOpenAi("auth = \"env:OPENAI_API_KEY\"\napi = \"chat\"")).upstream("openai").orElseThrow().dialect());
    }

    @Test
    void aDialectOfAnotherFamilyIsRefusedWithLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(withOpenAi("auth = \"env:OPENAI_API_KEY\"\napi = \"messages\"")));
        assertEquals("upstreams.openai.api", e.key());
        assertEquals(19, e.line());
        assertTrue(e.getMessage().contains("\"chat\"") && e.getMessage().contains("\"responses\""), e.getMessage());
        ConfigException anthropic = assertThrows(ConfigException.class, () -> load(ConfigValidationTest.VALID.replace(
                "auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\napi = \"responses\"")));
        assertEquals("upstreams.corp.api", anthropic.key());
        assertTrue(anthropic.getMessage().contains("not a dialect of the anthropic family"), anthropic.getMessage());
    }

    @Test
    void passthroughIsForCodexOwnKeyOnAResponsesUpstreamOnly() throws Exception {
        Config config = load(withOpenAi("auth = \"passthrough\"\napi = \"responses\""));
        assertTrue(config.upstream("openai").orElseThrow().passthrough());
        ConfigException chat = assertThrows(ConfigException.class, () -> load(withOpenAi("auth = \"passthrough\"")));
        assertEquals("upstreams.openai.auth", chat.key());
    }
}
