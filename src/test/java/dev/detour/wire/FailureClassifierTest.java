package dev.detour.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static dev.detour.wire.FailureClass.*;
import static org.junit.jupiter.api.Assertions.*;

/** The classifier over a table of real error bodies and statuses (Anthropic, OpenAI, proxies, CDNs). */
class FailureClassifierTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final Map<String, String> HTML = Map.of("content-type", "text/html");

    static Stream<Arguments> table() {
        return Stream.of(
                // Anthropic
                row(200, JSON, "{\"data\":[{\"id\":\"claude-sonnet-4-5\",\"type\":\"model\"}],\"has_more\":false}", OK, "200"),
                row(529, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}",
                        OVERLOADED, "529 overloaded_error: Overloaded"),
                row(429, Map.of("retry-after", "30", "content-type", "application/json"),
                        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"This request would exceed the rate limit for your organization of 50,000 input tokens per minute.\"},\"request_id\":\"req_1\"}",
                        RATE_LIMITED, "429, retry in 30 s: This request would exceed"),
                row(429, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"You have reached your specified workspace API usage limits.\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}},\"request_id\":\"req_2\"}",
                        SPEND_CAP, "spend limit reached (429 enforced_spend_limit_reached)"),
                row(400, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.\"}}",
                        SPEND_CAP, "credit exhausted"),
                row(401, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"},\"request_id\":\"req_3\"}",
                        AUTH, "401 authentication_error: invalid x-api-key"),
                row(402, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"Billing issue\"}}", AUTH, "402 billing_error"),
                row(403, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"Your API key does not have permission to use the specified resource.\"}}",
                        AUTH, "403 permission_error"),
                row(400, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"messages.1.content.0.thinking.signature: Invalid signature in thinking block\"}}",
                        CLIENT_ERROR, "400 invalid_request_error: messages.1.content.0.thinking.signature"),
                row(404, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude-nonexistent\"}}", CLIENT_ERROR, "404 not_found_error"),
                row(413, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exceeds the maximum allowed number of bytes.\"}}", CLIENT_ERROR, "413 request_too_large"),
                row(500, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"},\"request_id\":\"req_4\"}", OUTAGE, "500 api_error: Internal server error"),
                row(504, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"Request timed out\"}}", OUTAGE, "504 timeout_error"),
                row(408, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"timeout_error\",\"message\":\"Request timeout\"}}", OUTAGE, "408"),
                // a bare 529 (a gateway's own, no Anthropic body) is still an overload, never a rate limit
                row(529, Map.of(), "", OVERLOADED, "529"),
                row(529, Map.of("content-type", "text/plain"), "upstream busy", OVERLOADED, "529"),
                // a proxy that rewraps Anthropic's overload as 503
                row(503, JSON, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", OVERLOADED, "503 overloaded_error"),
                // OpenAI
                row(429, JSON, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}",
                        SPEND_CAP, "quota used up (429 insufficient_quota)"),
                row(429, JSON, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29123, Requested 1500. Please try again in 1.246s. Visit https://platform.openai.com/account/rate-limits to learn more.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}",
                        RATE_LIMITED, "429, retry in 2 s: Rate limit reached"),
                row(401, JSON, "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-abcd1234efgh. You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}",
                        AUTH, "401 invalid_api_key: Incorrect API key provided: sk-proj-…"),
                row(500, JSON, "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                        OUTAGE, "500 server_error"),
                row(503, JSON, "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"server_error\",\"param\":null,\"code\":null}}",
                        OVERLOADED, "503 server_error: The engine is currently overloaded"),
                // proxies and CDNs
                row(502, HTML, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n",
                        OUTAGE, "HTML error page from a proxy (502 HTML page '502 Bad Gateway')"),
                row(504, Map.of(), "<!DOCTYPE html><html><head><title>api.example.com | 504: Gateway time-out</title></head><body>cloudflare</body></html>",
                        OUTAGE, "504: Gateway time-out"),
                row(403, Map.of("cf-mitigated", "challenge", "content-type", "text/html"), "<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head><body></body></html>",
                        UNREACHABLE, "a challenge page answered instead of the API"),
                row(403, HTML, "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>Your request was blocked by the Zscaler policy.</body></html>",
                        UNREACHABLE, "blocked by a proxy or firewall (403 HTML page 'Access Denied')"),
                row(407, HTML, "<html><body><h1>Proxy Authentication Required</h1></body></html>", UNREACHABLE, "proxy asks for authentication"),
                row(200, HTML, "<html><head><title>Hotel WiFi login</title></head></html>", UNREACHABLE, "an HTML page answered instead of the API 'Hotel WiFi login'"),
                row(302, Map.of("location", "https://login.corp.example/sso"), "", UNREACHABLE, "302 redirect to https://login.corp.example/sso"),
                row(500, Map.of("content-type", "text/plain"), "upstream connect error or disconnect/reset before headers. reset reason: connection termination",
                        OUTAGE, "500: upstream connect error or disconnect/reset before headers"),
                row(418, Map.of(), "", CLIENT_ERROR, "418")
        );
    }

    private static Arguments row(int status, Map<String, String> headers, String body, FailureClass expected, String reasonPart) {
        return Arguments.of(status, headers, body, expected, reasonPart);
    }

    @ParameterizedTest(name = "{0} {3}: {4}")
    @MethodSource("table")
    void classifiesRealBodies(int status, Map<String, String> headers, String body, FailureClass expected, String reasonPart) {
        Verdict v = FailureClassifier.classify(status, headers, body, NOW);
        assertEquals(expected, v.failureClass(), v.reason());
        assertTrue(v.reason().contains(reasonPart), () -> "reason '" + v.reason() + "' lacks '" + reasonPart + "'");
        assertFalse(v.reason().contains("abcd1234"), "a key fragment leaked: " + v.reason());
    }

    @Test
    void retryAfterComesFromMillisecondsSecondsDateOrMessage() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
        assertEquals(2L, FailureClassifier.classify(429, Map.of("retry-after-ms", "1500", "retry-after", "9"), body, NOW).retryAfterS());
        assertEquals(9L, FailureClassifier.classify(429, Map.of("Retry-After", "9"), body, NOW).retryAfterS());
        assertEquals(90L, FailureClassifier.classify(429, Map.of("retry-after", "Sun, 29 Nov 2026 12:01:30 GMT"), body, NOW).retryAfterS());
        assertNull(FailureClassifier.classify(429, Map.of(), body, NOW).retryAfterS());
        assertTrue(FailureClassifier.classify(429, Map.of(), body, NOW).reason().contains("no retry-after"));
        assertNull(FailureClassifier.classify(429, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\",\"details\":{\"error_code\":\"enforced_spend_limit_reached\"}}}", NOW).retryAfterS(),
                "a spend cap has no retry-after");
    }

    @Test
    void spendCapIsNotTheSameAsARateLimitEvenWithoutDetailsObject() {
        Verdict v = FailureClassifier.classify(429, Map.of(), "{\"error\":{\"code\":\"enforced_spend_limit_reached\"}}", NOW);
        assertEquals(SPEND_CAP, v.failureClass());
        assertTrue(v.reason().contains("not temporary"));
    }

    @Test
    void failureClassWordsRoundTripAndSayWhenReroutingHelps() {
        for (FailureClass c : FailureClass.values()) {
            assertEquals(c, FailureClass.fromWord(c.word()));
        }
        assertNull(FailureClass.fromWord("nonsense"));
        assertTrue(OVERLOADED.reroutingHelps());
        assertFalse(EDGE.reroutingHelps());
        assertFalse(CLIENT_ERROR.reroutingHelps());
    }

    @Test
    void anErrorEventIsClassifiedAsTheAnswerItsTypeStandsFor() {
        assertEquals(OVERLOADED, FailureClassifier.classifyErrorEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")).failureClass());
        assertEquals(RATE_LIMITED, FailureClassifier.classifyErrorEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")).failureClass());
        assertEquals(AUTH, FailureClassifier.classifyErrorEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"x\"}}")).failureClass());
        assertEquals(CLIENT_ERROR, FailureClassifier.classifyErrorEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad\"}}")).failureClass());
        assertEquals(OUTAGE, FailureClassifier.classifyErrorEvent(new SseEvent("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}")).failureClass());
        assertEquals(OUTAGE, FailureClassifier.classifyErrorEvent(new SseEvent("error", "not json")).failureClass());
    }

    @Test
    void theBridgeShapedEntryPointAgreesWithTheMapOne() {
        String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"The service is overloaded\"}}";
        assertEquals(OVERLOADED, FailureClassifier.classify(503, okhttp3.Headers.of("Content-Type", "application/json"),
                overloaded.getBytes(java.nio.charset.StandardCharsets.UTF_8)).failureClass());
        assertEquals(OVERLOADED, FailureClassifier.classify(529, okhttp3.Headers.of(), new byte[0]).failureClass(), "a bare 529");
        assertEquals(OUTAGE, FailureClassifier.classify(503, okhttp3.Headers.of(), new byte[0]).failureClass(), "a bare 503");
    }
}
