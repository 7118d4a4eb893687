package dev.detour.supervise;

/**
 * What stopping one bridge came to.
 *
 * @param pid the pid that was stopped or found stale, else 0
 */
public record StopResult(String session, Outcome outcome, long pid, String message) {
    public enum Outcome {
        /** Exited after SIGTERM within the bound. */
        STOPPED,
        /** Still alive after the bound: SIGKILLed with its process tree. */
        KILLED,
        /** No pid file. */
        NOT_RUNNING,
        /** The pid file named a dead pid or another program: the file was removed, nothing was signalled. */
        STALE_CLEANED,
        /** The running bridge of this session name serves another config file: nothing was signalled. */
        OTHER_CONFIG;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }
}
