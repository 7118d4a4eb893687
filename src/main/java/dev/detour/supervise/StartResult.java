package dev.detour.supervise;

import java.util.List;

/**
 * What starting one bridge came to.
 *
 * @param pid     the bridge's pid (for STARTED and ALREADY_RUNNING), else 0
 * @param message one line for people, e.g. why it failed
 * @param logTail the last lines of the bridge's log when it failed, else empty
 */
public record StartResult(String session, Outcome outcome, long pid, String message, List<String> logTail) {
    public enum Outcome {
        STARTED, ALREADY_RUNNING, FAILED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    public StartResult {
        logTail = List.copyOf(logTail);
    }

    public boolean ok() {
        return outcome != Outcome.FAILED;
    }
}
