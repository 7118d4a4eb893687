package dev.detour.wire;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the hold-back and the classifier make of OpenAI Responses events and error bodies. */
class ResponsesStreamFailuresTest {

    private static SseEvent event(String type, String data) {
        return new SseEvent(type, data);
    }

    @Test
    void theLeadInIsHeldAndTheFirstContentCommits() {
        assertTrue(event("response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}").beforeContent());
        assertTrue(event("response.in_progress", "{\"type\":\"response.in_progress\"}").beforeContent());
        assertTrue(event("response.output_item.added", "{\"item\":{\"type\":\"message\",\"content\":[]}}").beforeContent());
        assertTrue(event("response.output_item.added", "{\"item\":{\"type\":\"function_call\",\"arguments\":\"\"}}").beforeContent());
        assertFalse(event("response.output_item.added", "{\"item\":{\"type\":\"function_call\",\"arguments\":\"{}\"}}").beforeContent());
        assertTrue(event("response.content_part.added", "{\"part\":{\"type\":\"output_text\",\"text\":\"\"}}").beforeContent());
        assertTrue(event("response.reasoning_summary_text.delta", "{\"delta\":\"thinking\"}").beforeContent());
        assertTrue(event("response.output_item.done", "{\"item\":{\"type\":\"reasoning\"}}").beforeContent());
        assertFalse(event("response.output_text.delta", "{\"delta\":\"Hi\"}").beforeContent());
        assertFalse(event("response.function_call_arguments.delta", "{\"delta\":\"{\"}").beforeContent());
        assertFalse(event("response.completed", "{\"response\":{}}").beforeContent());
    }

    @Test
    void endsAndFailures() {
        for (String end : new String[]{"response.completed", "response.incomplete", "response.failed", "error", "message_stop"}) {
            assertTrue(event(end, "{}").endsStream(), end);
        }
        assertFalse(event("response.output_item.done", "{}").endsStream());
        assertTrue(event("response.failed", "{}").reportsFailure());
        assertTrue(event("error", "{}").reportsFailure());
        assertFalse(event("response.completed", "{}").reportsFailure());
    }

    @Test
    void responsesStreamFailuresAreClassifiedByTheirCode() {
        assertEquals(FailureClass.RATE_LIMITED, FailureClassifier.classifyErrorEvent(event("response.failed",
                "{\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"rate_limit_exceeded\",\"message\":\"slow down\"}}}")).failureClass());
        assertEquals(FailureClass.SPEND_CAP, FailureClassifier.classifyErrorEvent(event("response.failed",
                "{\"type\":\"response.failed\",\"response\":{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"You exceeded your current quota\"}}}")).failureClass());
        assertEquals(FailureClass.OUTAGE, FailureClassifier.classifyErrorEvent(event("response.failed",
                "{\"type\":\"response.failed\",\"response\":{\"error\":{\"code\":\"server_error\",\"message\":\"An error occurred\"}}}")).failureClass());
        assertEquals(FailureClass.OVERLOADED, FailureClassifier.classifyErrorEvent(event("error",
                "{\"type\":\"error\",\"code\":\"server_is_overloaded\",\"message\":\"busy\",\"param\":null}")).failureClass());
        assertEquals(FailureClass.CLIENT_ERROR, FailureClassifier.classifyErrorEvent(event("error",
                "{\"type\":\"error\",\"code\":\"context_length_exceeded\",\"message\":\"too long\"}")).failureClass());
        assertEquals(FailureClass.OVERLOADED, FailureClassifier.classifyErrorEvent(event("error",
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")).failureClass(),
                "an Anthropic error event is read as before");
    }

    @Test
    void openAiResponsesErrorBodies() {
        assertEquals(FailureClass.SPEND_CAP, FailureClassifier.classify(429, Map.of(),
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}").failureClass());
        assertEquals(FailureClass.RATE_LIMITED, FailureClassifier.classify(429, Map.of("retry-after", "3"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}").failureClass());
        assertEquals(FailureClass.OUTAGE, FailureClassifier.classify(500, Map.of(),
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"param\":null,\"code\":\"server_error\"}}").failureClass());
        assertEquals(FailureClass.OVERLOADED, FailureClassifier.classify(503, Map.of(),
                "{\"error\":{\"message\":\"The engine is currently overloaded, please try again later\",\"type\":\"server_error\"}}").failureClass());
    }
}
