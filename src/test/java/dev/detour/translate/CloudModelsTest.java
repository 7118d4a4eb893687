package dev.detour.translate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CloudModelsTest {
    @Test
    void datedAnthropicIdsBecomeBedrockInferenceProfilesOfTheRegionsGeography() {
        assertEquals("us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                CloudModels.bedrock("claude-sonnet-4-5-20250929", Map.of(), "us-west-2"));
        assertEquals("eu.anthropic.claude-haiku-4-5-20251001-v1:0",
                CloudModels.bedrock("claude-haiku-4-5-20251001", Map.of(), "eu-central-1"));
        assertEquals("apac.anthropic.claude-opus-4-1-20250805-v1:0",
                CloudModels.bedrock("claude-opus-4-1-20250805", Map.of(), "ap-northeast-1"));
    }

    @Test
    void theTableWinsByTierAndDefault() {
        Map<String, String> table = Map.of("sonnet", "arn-sonnet", "default", "arn-default");
        assertEquals("arn-sonnet", CloudModels.bedrock("claude-sonnet-4-5-20250929", table, "us-east-1"));
        assertEquals("arn-default", CloudModels.bedrock("claude-opus-4-1-20250805", table, "us-east-1"));
        assertEquals("claude-x@1", CloudModels.vertex("claude-haiku-4-5", Map.of("haiku", "claude-x@1")));
    }

    @Test
    void anUndatedModelWithoutATableEntryCannotBeMapped() {
        assertNull(CloudModels.bedrock("claude-sonnet-4-5", Map.of(), "us-east-1"));
        assertNull(CloudModels.vertex("gpt-5", Map.of()));
        assertNull(CloudModels.bedrock("claude-sonnet-4-5", Map.of("opus", "x"), "us-east-1"));
    }

    @Test
    void vertexIdsPutTheDateAfterAnAt() {
        assertEquals("claude-sonnet-4-5@20250929", CloudModels.vertex("claude-sonnet-4-5-20250929", Map.of()));
        assertEquals("claude-sonnet-4-5@20250929", CloudModels.vertex("us.anthropic.claude-sonnet-4-5-20250929-v1:0", Map.of()));
    }

    @Test
    void cloudIdsReadBackAsAnthropicIds() {
        assertEquals("claude-sonnet-4-5-20250929", CloudModels.anthropic("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertEquals("claude-3-5-haiku-20241022", CloudModels.anthropic("anthropic.claude-3-5-haiku-20241022-v1:0"));
        assertEquals("claude-opus-4-1-20250805", CloudModels.anthropic("claude-opus-4-1@20250805"));
        assertEquals("claude-sonnet-4-5", CloudModels.anthropic("claude-sonnet-4-5"));
    }

    @Test
    void bedrockArnsGoUnchangedToTheirRegionAndElsewhereByTheModelTheyName() {
        String app = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc";
        String profile = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0";
        assertEquals(app, CloudModels.bedrock(app, Map.of(), "us-east-1"));
        assertEquals(profile, CloudModels.bedrock(profile, Map.of(), "us-east-1"));
        assertNull(CloudModels.bedrock(app, Map.of(), "us-west-2"), "another region's application profile cannot be mapped");
        assertEquals("eu.anthropic.claude-sonnet-4-5-20250929-v1:0", CloudModels.bedrock(profile, Map.of(), "eu-west-1"));
        assertEquals("table-default", CloudModels.bedrock(app, Map.of("default", "table-default"), "us-west-2"));
        assertEquals("claude-sonnet-4-5-20250929", CloudModels.anthropic(profile));
        assertEquals("claude-opus-4-1-20250805",
                CloudModels.anthropic("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0"));
        assertEquals(app, CloudModels.anthropic(app), "an application profile names no model");
    }
}
