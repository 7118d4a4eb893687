package dev.detour.config;

import java.util.List;

/**
 * The {@code [settings]} table.
 *
 * @param probeIntervalS  seconds between active health probes
 * @param statusIntervalS seconds between provider status page polls
 * @param idleTimeoutS    seconds a stream may stay silent after content started before the bridge cuts it
 * @param firstByteTimeoutS seconds an upstream may take to send its response headers before the request fails over
 * @param controlHosts    hosts probed to tell "this upstream is down" from "nothing is reachable from here"
 */
public record Settings(int probeIntervalS, int statusIntervalS, int idleTimeoutS, int firstByteTimeoutS,
                       List<String> controlHosts) {
    public static final Settings DEFAULTS = new Settings(15, 60, 90, 30, List.of());

    public Settings {
        controlHosts = List.copyOf(controlHosts);
    }

    /** Settings with the default {@code first_byte_timeout_s}. */
    public Settings(int probeIntervalS, int statusIntervalS, int idleTimeoutS, List<String> controlHosts) {
        this(probeIntervalS, statusIntervalS, idleTimeoutS, DEFAULTS.firstByteTimeoutS(), controlHosts);
    }
}
