package dev.detour.bridge;

import dev.detour.dialect.AgentRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The upstream a request was last with: what an agent that went away is recorded against. */
class RequestTraceTest {
    private static RequestTrace trace() {
        return new RequestTrace(new AgentRequest("POST", "/v1/messages", null, Headers.of(), new byte[0], null));
    }

    @Test
    void noAttemptIsNoUpstream() {
        assertNull(trace().lastUpstream());
    }

    @Test
    void theOnlyAttemptNamesItsUpstream() {
        RequestTrace trace = trace();
        trace.attempt("first:503");
        assertEquals("first", trace.lastUpstream());
    }

    @Test
    void theNewestAttemptWinsAndStepsWithoutAnUpstreamAreSkipped() {
        RequestTrace trace = trace();
        trace.attempt("first:503");
        trace.attempt("second:agent-went-away");
        trace.attempt("a note without an upstream");
        assertEquals("second", trace.lastUpstream());
    }
}
