package dev.detour.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cloud dialects in the config: derived base URLs, and a clear error (file:line, key) for each mistake. */
class CloudConfigTest {
    @TempDir
    Path dir;

    static final String CLOUD = """
            [upstreams.bedrock-west]
            family = "anthropic"
            api = "bedrock"
            region = "us-west-2"
            auth = "aws"
            models = { sonnet = "us.anthropic.claude-sonnet-4-5-20250929-v1:0" }

            [upstreams.vertex-eu]
            family = "anthropic"
            api = "vertex"
            project = "my-gcp-project"
            region = "europe-west1"
            auth = "gcloud"

            [upstreams.vertex-global]
            family = "anthropic"
            api = "vertex"
            project = "my-gcp-project"
            region = "global"
            auth = "env:VERTEX_TOKEN"

            [sessions.main]
            port = 8781
            route = ["bedrock-west", "vertex-eu", "vertex-global"]
            """;

    private Config load(String text) throws Exception {
        return ConfigLoader.load(TestConfigs.write(dir, "detour.toml", text, "rw-------")).config();
    }

    private ConfigException refused(String replace, String with) {
        String text = CLOUD.replace(replace, with);
        assertTrue(!text.equals(CLOUD), "the case changes the config: " + replace);
        return assertThrows(ConfigException.class, () -> load(text));
    }

    @Test
    void cloudUpstreamsGetTheirDialectRegionAndDerivedBaseUrl() throws Exception {
        Config config = load(CLOUD);
        Upstream bedrock = config.upstreams().get("bedrock-west");
        assertEquals(Dialect.BEDROCK, bedrock.kind());
        assertEquals("https://bedrock-runtime.us-west-2.amazonaws.com", bedrock.baseUrl());
        assertEquals("us-west-2", bedrock.region());
        assertTrue(bedrock.ambientAuth());
        assertEquals("https://europe-west1-aiplatform.googleapis.com", config.upstreams().get("vertex-eu").baseUrl());
        assertEquals("https://aiplatform.googleapis.com", config.upstreams().get("vertex-global").baseUrl());
        assertEquals("my-gcp-project", config.upstreams().get("vertex-eu").project());
        assertEquals(Dialect.MESSAGES, load(ConfigValidationTest.VALID).upstreams().get("anthropic").kind());
        assertEquals(Dialect.CHAT, load(ConfigValidationTest.VALID).upstreams().get("openai").kind());
    }

    @Test
    void aBaseUrlOverridesTheDerivedOne() throws Exception {
        Config config = load(CLOUD.replace("region = \"us-west-2\"", "region = \"us-west-2\"\nbase_url = \"http://127.0.0.1:9999\""));
        assertEquals("http://127.0.0.1:9999", config.upstreams().get("bedrock-west").baseUrl());
    }

    @Test
    void aMissingRegionIsAnErrorAtTheTableWithAnExample() {
        ConfigException e = refused("region = \"us-west-2\"\n", "");
        assertEquals(1, e.line());
        assertEquals("upstreams.bedrock-west", e.key());
        assertTrue(e.getMessage().contains("missing region") && e.getMessage().contains("us-west-2"), e.getMessage());
        assertTrue(e.getMessage().contains("detour.toml:1"), e.getMessage());
    }

    @Test
    void aMissingProjectIsAnError() {
        ConfigException e = refused("project = \"my-gcp-project\"\nregion = \"europe-west1\"", "region = \"europe-west1\"");
        assertEquals("upstreams.vertex-eu", e.key());
        assertEquals(8, e.line());
        assertTrue(e.getMessage().contains("missing project"), e.getMessage());
    }

    @Test
    void aMisspelledRegionOrProjectIsAnErrorOnItsLine() {
        ConfigException region = refused("region = \"us-west-2\"", "region = \"us-wset\"");
        assertEquals("upstreams.bedrock-west.region", region.key());
        assertEquals(4, region.line());
        ConfigException project = refused("project = \"my-gcp-project\"\nregion = \"europe-west1\"",
                "project = \"My Project\"\nregion = \"europe-west1\"");
        assertEquals("upstreams.vertex-eu.project", project.key());
    }

    @Test
    void anUnknownModelTierIsAnError() {
        ConfigException e = refused("models = { sonnet =", "models = { sonet =");
        assertEquals("upstreams.bedrock-west.models", e.key());
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("unknown model tier \"sonet\""), e.getMessage());
    }

    @Test
    void theWrongAuthForTheCloudIsAnError() {
        ConfigException gcloudOnBedrock = refused("auth = \"aws\"", "auth = \"gcloud\"");
        assertEquals("upstreams.bedrock-west.auth", gcloudOnBedrock.key());
        assertTrue(gcloudOnBedrock.getMessage().contains("takes auth = \"aws\""), gcloudOnBedrock.getMessage());
        ConfigException passthrough = refused("auth = \"aws\"", "auth = \"passthrough\"");
        assertTrue(passthrough.getMessage().contains("passthrough"), passthrough.getMessage());
        ConfigException awsOnMessages = assertThrows(ConfigException.class, () -> load(ConfigValidationTest.VALID
                .replace("auth = \"env:CORP_KEY\"", "auth = \"aws\"")));
        assertEquals("upstreams.corp.auth", awsOnMessages.key());
    }

    @Test
    void anUpstreamMayNameItsOwnBetasOnlyForACloudDialect() throws Exception {
        Config config = load(CLOUD.replace("auth = \"gcloud\"", "auth = \"gcloud\"\nbetas = [\"context-1m-2025-08-07\"]"));
        assertEquals(java.util.List.of("context-1m-2025-08-07"), config.upstreams().get("vertex-eu").betas());
        assertNull(config.upstreams().get("bedrock-west").betas(), "the dialect's table");
        ConfigException onMessages = assertThrows(ConfigException.class, () -> load(ConfigValidationTest.VALID
                .replace("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nbetas = [\"x\"]")));
        assertEquals("upstreams.corp.betas", onMessages.key());
    }

    @Test
    void anApiOfTheOtherFamilyOrARegionOnMessagesIsAnError() {
        ConfigException api = refused("api = \"bedrock\"", "api = \"responses\"");
        assertEquals("upstreams.bedrock-west.api", api.key());
        assertTrue(api.getMessage().contains("not a dialect of the anthropic family: expected \"messages\"")
                && api.getMessage().contains("\"bedrock\"") && api.getMessage().contains("\"vertex\""), api.getMessage());
        ConfigException region = assertThrows(ConfigException.class, () -> load(ConfigValidationTest.VALID
                .replace("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nregion = \"us-west-2\"")));
        assertEquals("upstreams.corp.region", region.key());
        assertNull(CloudEndpoints.derived(Dialect.MESSAGES, "us-west-2"));
    }
}
