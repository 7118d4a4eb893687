package dev.detour.bridge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The path-escape rules, with the one encoded slash they allow: inside a Bedrock model id (an inference-profile ARN). */
class AgentPathTest {
    static final String PROFILE = "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc";

    @ParameterizedTest
    @ValueSource(strings = {"/model/" + PROFILE + "/invoke-with-response-stream", "/model/" + PROFILE + "/invoke",
            "/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke",
            "/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke"})
    void bedrockModelIdsWithAnEncodedSlashPassUnchanged(String path) {
        assertEquals(path, AgentPath.normalise(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/model/..%2F..%2Fadmin/invoke", "/model/%2e%2e%2Fadmin/invoke", "/model/a%2F%2E%2E/invoke",
            "/model/a%2F.%2Fb/invoke", "/model/a%2F%2Fb/invoke", "/model/%2Fabc/invoke", "/model/abc%2F/invoke",
            "/model/" + PROFILE + "/invoke/extra", "/model/" + PROFILE + "/admin", "/v1/..%2f..%2fadmin",
            "/v1/messages%2Fx", "/model/a%2Fb/../../x/invoke", "/model/a%252Fb/invoke", "/model/a%5Cb%2Fc/invoke"})
    void anyOtherEncodedSlashOrDotPieceIsRefused(String path) {
        assertNull(AgentPath.normalise(path), path);
    }

    @Test
    void dotSegmentsStillClimbAndAreStillRefusedAboveTheRoot() {
        assertEquals("/v1/models", AgentPath.normalise("/v1/messages/../models"));
        assertNull(AgentPath.normalise("/v1/%2e%2e/%2e%2e/admin"));
        assertNull(AgentPath.normalise("/model/%2e%2e/%2e%2e/%2e%2e/invoke"));
        assertEquals("/invoke", AgentPath.normalise("/model/%2e%2e/invoke"), "resolved; no API serves it, so it is refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1/messages", "", "/v1/a\\b", "/v1/a b", "/v1/a\tb", "/v1/a\u007fb", "/v1/a\u0001b"})
    void aPathWithoutItsLeadingSlashOrWithABackslashOrControlCharacterIsRefused(String path) {
        assertNull(AgentPath.normalise(path), path);
    }

    @Test
    void aDotSegmentAtTheEndLeavesATrailingSlash() {
        assertEquals("/v1/models/", AgentPath.normalise("/v1/models/."));
        assertEquals("/v1/", AgentPath.normalise("/v1/messages/.."));
        assertEquals("/v1/models", AgentPath.normalise("/v1/./models"));
    }
}
