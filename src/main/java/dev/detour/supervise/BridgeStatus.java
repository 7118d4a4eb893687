package dev.detour.supervise;

/** What a session's bridge is doing, as far as its pid file and {@code /proc} tell. */
public enum BridgeStatus {
    /** The pid file names a live bridge for this session. */
    RUNNING,
    /** No pid file: never started, or stopped by {@code detour down}. */
    STOPPED,
    /** The pid file names a process that is gone (or is no longer a bridge): it died without being stopped. */
    CRASHED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
