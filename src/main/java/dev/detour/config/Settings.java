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
 * @param network         the egress proxy, extra CAs and client certificate for every upstream
 */
public record Settings(int probeIntervalS, int statusIntervalS, int idleTimeoutS, int firstByteTimeoutS,
                       List<String> controlHosts, Network network) {
    public static final Settings DEFAULTS = new Settings(15, 60, 90, 30, List.of(), Network.UNSET);

    public Settings {
        controlHosts = List.copyOf(controlHosts);
        network = network == null ? Network.UNSET : network;
    }

    /** Settings without network settings of their own (the environment's proxy, the system's CAs). */
    public Settings(int probeIntervalS, int statusIntervalS, int idleTimeoutS, int firstByteTimeoutS,
                    List<String> controlHosts) {
        this(probeIntervalS, statusIntervalS, idleTimeoutS, firstByteTimeoutS, controlHosts, Network.UNSET);
    }

    /** Settings with the default {@code first_byte_timeout_s}. */
    public Settings(int probeIntervalS, int statusIntervalS, int idleTimeoutS, List<String> controlHosts) {
        this(probeIntervalS, statusIntervalS, idleTimeoutS, DEFAULTS.firstByteTimeoutS(), controlHosts);
    }
}
