package dev.detour.bridge;

import dev.detour.translate.ErrorTranslator;
import dev.detour.wire.FailureClass;
import dev.detour.wire.FailureClassifier;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverRulesTest {
    private static byte[] translated(int status, String openaiBody) {
        return ErrorTranslator.translate(status, openaiBody).body().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aUsedUpOpenAiQuotaIsASpendCapAndAnOrdinaryLimitIsNot() {
        byte[] quota = translated(429, "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}");
        assertEquals(FailureClass.SPEND_CAP, FailureClassifier.classify(429, Headers.of(), quota).failureClass());
        byte[] limit = translated(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}");
        assertEquals(FailureClass.RATE_LIMITED, FailureClassifier.classify(429, Headers.of(), limit).failureClass());
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
