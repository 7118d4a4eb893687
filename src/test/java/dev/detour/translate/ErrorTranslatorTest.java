package dev.detour.translate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorTranslatorTest {
    private static String openai(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    @Test
    void usedUpQuotaIsARateLimitThatRetryingCannotFix() {
        var t = ErrorTranslator.translate(429, openai("You exceeded your current quota, please check your plan.",
                "insufficient_quota", "insufficient_quota"));
        assertEquals(429, t.status());
        assertEquals("rate_limit_error", t.type());
        assertFalse(t.temporary());
        assertTrue(t.message().startsWith("insufficient_quota: You exceeded"));
    }

    @Test
    void anOrdinaryRateLimitIsTemporary() {
        var t = ErrorTranslator.translate(429, openai("Rate limit reached for gpt-5 on tokens per min (TPM)",
                "tokens", "rate_limit_exceeded"));
        assertEquals(429, t.status());
        assertEquals("rate_limit_error", t.type());
        assertTrue(t.temporary());
    }

    @Test
    void statusesKeepTheirMeaningWithTheAnthropicType() {
        assertEquals("authentication_error", ErrorTranslator.translate(401, openai("Incorrect API key provided: sk-abc***", "invalid_request_error", "invalid_api_key")).type());
        assertEquals("permission_error", ErrorTranslator.translate(403, openai("Country not supported", "request_forbidden", null)).type());
        assertEquals("not_found_error", ErrorTranslator.translate(404, openai("The model `gpt-9` does not exist", "invalid_request_error", "model_not_found")).type());
        assertEquals("api_error", ErrorTranslator.translate(500, openai("The server had an error", "server_error", null)).type());
        assertEquals("overloaded_error", ErrorTranslator.translate(503, openai("The engine is currently overloaded", "server_error", null)).type());
        assertEquals("timeout_error", ErrorTranslator.translate(504, "").type());
        var billing = ErrorTranslator.translate(402, openai("Payment required", "billing", null));
        assertEquals("billing_error", billing.type());
        assertFalse(billing.temporary());
    }

    @Test
    void validationErrorOfACompatibleServerIsTheClientsBadRequest() {
        var t = ErrorTranslator.translate(422, "{\"error\":{\"message\":\"max_completion_tokens: must be <= 8192\"}}");
        assertEquals(400, t.status());
        assertEquals("invalid_request_error", t.type());
        assertEquals("max_completion_tokens: must be <= 8192", t.message());
    }

    @Test
    void contextOverflowReadsAsPromptTooLongSoTheAgentCompacts() {
        var t = ErrorTranslator.translate(400, openai("This model's maximum context length is 128000 tokens. However, your messages resulted in 131000 tokens.",
                "invalid_request_error", "context_length_exceeded"));
        assertEquals(400, t.status());
        assertTrue(t.message().startsWith("prompt is too long: "), t.message());
    }

    @Test
    void aGatewayPageBecomesAShortMessage() {
        String html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(2000) + "</body></html>";
        var t = ErrorTranslator.translate(502, html);
        assertEquals(502, t.status());
        assertEquals("api_error", t.type());
        assertTrue(t.message().startsWith("<html> <head><title>502 Bad Gateway</title></head>"), t.message());
        assertTrue(t.message().length() < 320);
        assertEquals("error", t.body().path("type").asText());
        assertEquals(t.message(), t.body().path("error").path("message").asText());
        assertEquals("HTTP 500", ErrorTranslator.translate(500, "").message());
    }
}
