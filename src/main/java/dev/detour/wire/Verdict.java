package dev.detour.wire;

/**
 * The classification of one observation, with the reason in plain words.
 *
 * @param retryAfterS seconds the upstream asked to wait (from {@code retry-after}, {@code retry-after-ms} or the
 *                    message), or null when it gave none
 */
public record Verdict(FailureClass failureClass, String reason, Long retryAfterS) {
    public static Verdict of(FailureClass failureClass, String reason) {
        return new Verdict(failureClass, reason, null);
    }

    public boolean ok() {
        return failureClass == FailureClass.OK;
    }
}
