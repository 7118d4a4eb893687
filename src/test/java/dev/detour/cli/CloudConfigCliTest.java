package dev.detour.cli;

import dev.detour.config.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cloud upstream's config errors stop the command line with exit 2, file:line and the key, nothing on stdout. */
class CloudConfigCliTest {
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

            [sessions.main]
            port = 8781
            route = ["bedrock-west", "vertex-eu"]
            """;

    @TempDir
    Path dir;

    @Test
    void aCloudConfigErrorIsExitTwoWithFileLineAndKey() throws Exception {
        String[][] cases = {
                {"region = \"us-west-2\"\n", "", "1", "upstreams.bedrock-west: missing region"},
                {"project = \"my-gcp-project\"\n", "", "8", "upstreams.vertex-eu: missing project"},
                {"region = \"us-west-2\"", "region = \"us-wset\"", "4", "upstreams.bedrock-west.region: "},
                {"{ sonnet =", "{ sonet =", "6", "upstreams.bedrock-west.models: unknown model tier \"sonet\""},
                {"auth = \"gcloud\"", "auth = \"aws\"", "13", "upstreams.vertex-eu.auth: api = \"vertex\" takes auth"}};
        for (String[] c : cases) {
            String text = CLOUD.replace(c[0], c[1]);
            assertTrue(!text.equals(CLOUD), "the case changes the config: " + c[0]);
            Path file = TestConfigs.write(dir, "detour.toml", text, "rw-------");
            CliRun run = CliRun.of("status", "--no-health", "--config", file.toString());
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("", run.out());
            assertTrue(run.err().startsWith("detour: " + file + ":" + c[2] + ": " + c[3]), run.err());
        }
    }
}
