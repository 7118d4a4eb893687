package dev.detour.bridge;

import dev.detour.wire.FailureClass;

/** Which upstream answers move a request to the next upstream (before any content reached the agent). */
public final class FailoverRules {
    private FailoverRules() {
    }

    /**
     * 408, 409, 429, 5xx (529 included) and the credential failures 401, 402, 403 are the upstream's problem: another
     * upstream may answer. So is an answer that is not the API at all (a redirect to a login page, a captive portal's
     * HTML): the classifier calls it unreachable. Everything else (400, 404, 413, other 4xx) is the request's own and
     * passes through.
     */
    public static boolean failsOver(int status, FailureClass failureClass) {
        return status == 408 || status == 409 || status == 429 || status >= 500
                || status == 401 || status == 402 || status == 403 || failureClass == FailureClass.UNREACHABLE;
    }
}
