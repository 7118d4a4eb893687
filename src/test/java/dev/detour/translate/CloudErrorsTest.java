package dev.detour.translate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each cloud failure gets the Anthropic status and type that give it the right failure class. */
class CloudErrorsTest {
    private static void bedrock(String type, int status, int expectedStatus, String expectedType) {
        CloudErrors.AnthropicError e = CloudErrors.bedrock(type, status, "{\"message\":\"details here\"}");
        assertEquals(expectedStatus, e.status(), type);
        assertEquals(expectedType, e.type(), type);
        assertTrue(e.message().contains("details here") && e.message().startsWith("Bedrock "), e.message());
    }

    @Test
    void bedrockExceptionsMapToTheirFailureClass() {
        bedrock("ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", 429, 429, "rate_limit_error");
        bedrock("throttlingException", 0, 429, "rate_limit_error");
        bedrock("ServiceUnavailableException", 503, 503, "overloaded_error");
        bedrock("ModelNotReadyException", 429, 529, "overloaded_error");
        bedrock("InternalServerException", 500, 500, "api_error");
        bedrock("modelStreamErrorException", 0, 500, "api_error");
        bedrock("AccessDeniedException", 403, 403, "permission_error");
        bedrock("InvalidSignatureException", 403, 401, "authentication_error");
        bedrock("ExpiredTokenException", 403, 401, "authentication_error");
        bedrock("ValidationException", 400, 400, "invalid_request_error");
        bedrock(null, 502, 502, "api_error");
    }

    @Test
    void vertexKeepsAnAnthropicErrorAndMapsGoogleOnesByStatus() {
        CloudErrors.AnthropicError model = CloudErrors.vertex(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertEquals("overloaded_error", model.type());
        assertEquals("Overloaded", model.message());
        CloudErrors.AnthropicError quota = CloudErrors.vertex(429,
                "{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
        assertEquals("rate_limit_error", quota.type());
        assertEquals("Vertex AI RESOURCE_EXHAUSTED: Quota exceeded", quota.message());
        assertEquals("authentication_error", CloudErrors.vertex(401, "<html>nope</html>").type());
        assertTrue(CloudErrors.vertex(401, "<html>nope</html>").message().contains("<html>nope</html>"));
    }
}
