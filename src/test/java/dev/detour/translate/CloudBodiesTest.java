package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CloudBodiesTest {
    static final String MESSAGES = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":10,\"stream\":true,"
            + "\"system\":\"be brief\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static JsonNode json(byte[] bytes) throws Exception {
        return Json.MAPPER.readTree(bytes);
    }

    @Test
    void bedrockDropsModelAndStreamAndCarriesVersionAndBetasInTheBody() throws Exception {
        JsonNode body = json(CloudBodies.bedrock(Json.MAPPER.readTree(MESSAGES), List.of("context-1m-2025-08-07")));
        assertFalse(body.has("model"));
        assertFalse(body.has("stream"));
        assertEquals("bedrock-2023-05-31", body.path("anthropic_version").asText());
        assertEquals("context-1m-2025-08-07", body.path("anthropic_beta").get(0).asText());
        assertEquals("be brief", body.path("system").asText());
        assertEquals(10, body.path("max_tokens").asInt());
    }

    @Test
    void vertexDropsModelKeepsStreamAndLeavesOutAnEmptyBetaList() throws Exception {
        JsonNode body = json(CloudBodies.vertex(Json.MAPPER.readTree(MESSAGES), List.of()));
        assertFalse(body.has("model"));
        assertTrue(body.path("stream").asBoolean());
        assertEquals("vertex-2023-10-16", body.path("anthropic_version").asText());
        assertFalse(body.has("anthropic_beta"));
    }

    @Test
    void aCloudBodyReadsBackAsTheMessagesBodyWithItsBetas() throws Exception {
        JsonNode cloud = json(CloudBodies.bedrock(Json.MAPPER.readTree(MESSAGES), List.of("a-beta")));
        CloudBodies.Canonical canonical = CloudBodies.canonical(cloud, "claude-sonnet-4-5-20250929", true);
        assertEquals(Json.MAPPER.readTree(MESSAGES), canonical.body());
        assertEquals(List.of("a-beta"), canonical.betas());
    }

    @Test
    void betasOutsideTheCloudTableAreDroppedAndReported() {
        BetaPolicy.Split split = BetaPolicy.split("claude-code-20250219, interleaved-thinking-2025-05-14,oauth-2025-04-20,"
                + "interleaved-thinking-2025-05-14", BetaPolicy.BEDROCK);
        assertEquals(List.of("interleaved-thinking-2025-05-14"), split.kept());
        assertEquals(List.of("claude-code-20250219", "oauth-2025-04-20"), split.dropped());
        assertEquals(List.of(), BetaPolicy.split(null, BetaPolicy.VERTEX).kept());
    }
}
