package dev.detour.bridge;

import dev.detour.health.FailureClass;

import java.nio.charset.StandardCharsets;

/** Which upstream answers move a request to the next upstream (before any content reached the agent). */
public final class FailoverRules {
    private FailoverRules() {
    }

    /**
     * 408, 409, 429, 5xx (529 included) and the credential failures 401, 402, 403 are the upstream's problem: another
     * upstream may answer. Everything else (400, 404, 413, other 4xx) is the request's own and passes through.
     */
    public static boolean failsOver(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500
                || status == 401 || status == 402 || status == 403;
    }

    /**
     * The failure class of an error answer; a 429 that says the spend limit is reached (or, from an openai upstream,
     * that the quota is used up) is a spend cap.
     */
    public static FailureClass classify(int status, byte[] body) {
        FailureClass byStatus = FailureClass.ofStatus(status);
        String text = byStatus == FailureClass.RATE_LIMITED && body != null ? new String(body, StandardCharsets.UTF_8) : "";
        if (text.contains("enforced_spend_limit_reached") || text.contains("insufficient_quota")) {
            return FailureClass.SPEND_CAP;
        }
        return byStatus;
    }

    /** The failure class of an {@code event: error} that arrived inside a 200 stream, from its error type. */
    public static FailureClass classifyErrorEvent(String data) {
        if (data.contains("overloaded_error")) {
            return FailureClass.OVERLOADED;
        }
        if (data.contains("rate_limit_error")) {
            return FailureClass.RATE_LIMITED;
        }
        if (data.contains("authentication_error") || data.contains("permission_error") || data.contains("billing_error")) {
            return FailureClass.AUTH;
        }
        if (data.contains("invalid_request_error") || data.contains("not_found_error") || data.contains("request_too_large")) {
            return FailureClass.CLIENT_ERROR;
        }
        return FailureClass.OUTAGE;
    }
}
