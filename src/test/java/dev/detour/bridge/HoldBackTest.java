package dev.detour.bridge;

import dev.detour.wire.FailureClass;
import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HoldBackTest {
    @Test
    void holdsOnlyWhatCarriesNoContent() {
        assertTrue(HoldBack.holds(new SseEvent("message_start", "{\"type\":\"message_start\",\"message\":{}}")));
        assertTrue(HoldBack.holds(new SseEvent("ping", "{\"type\":\"ping\"}")));
        assertTrue(HoldBack.holds(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")));
        assertTrue(HoldBack.holds(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Read\",\"input\":{}}}")));
        assertFalse(HoldBack.holds(new SseEvent("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"Hi\"}}")));
        assertFalse(HoldBack.holds(new SseEvent("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}")));
        assertFalse(HoldBack.holds(new SseEvent("message_delta", "{\"type\":\"message_delta\"}")));
        assertFalse(HoldBack.holds(new SseEvent("some_future_event", "{}")), "unknown events pass through at once");
    }

    @Test
    void aStreamEndsOnlyWithMessageStopOrError() {
        assertTrue(HoldBack.ends(new SseEvent("message_stop", "{\"type\":\"message_stop\"}")));
        assertTrue(HoldBack.ends(new SseEvent(null, "{\"type\":\"error\",\"error\":{}}")));
        assertFalse(HoldBack.ends(new SseEvent("message_delta", "{\"type\":\"message_delta\"}")));
    }

    @Test
    void failoverRulesFollowTheWireTable() {
        for (int status : new int[]{401, 402, 403, 408, 409, 429, 500, 502, 503, 504, 529}) {
            assertTrue(FailoverRules.failsOver(status, FailureClass.OUTAGE), "fails over on " + status);
        }
        for (int status : new int[]{200, 400, 404, 413, 422}) {
            assertFalse(FailoverRules.failsOver(status, FailureClass.CLIENT_ERROR), "passes " + status + " through");
        }
        assertTrue(FailoverRules.failsOver(200, FailureClass.UNREACHABLE), "a captive portal's page is not the API");
    }
}
