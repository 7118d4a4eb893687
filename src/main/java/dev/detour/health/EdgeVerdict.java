package dev.detour.health;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether the failure is at the user's own edge: every upstream and every control host fails before reaching a
 * service (DNS, TCP connect or TLS). Then no reroute can help.
 *
 * @param reason e.g. {@code DNS fails for every upstream and the control host}; null when not an edge failure
 */
public record EdgeVerdict(boolean edge, String reason) {
    public static final EdgeVerdict NONE = new EdgeVerdict(false, null);

    /**
     * @param upstreamProbes one probe per upstream
     * @param controlProbes  one probe per control host
     * @param trafficFlows   whether fresh traffic through a bridge recently succeeded (then the network works)
     */
    public static EdgeVerdict judge(Collection<ProbeResult> upstreamProbes, Collection<ProbeResult> controlProbes,
                                    boolean trafficFlows) {
        if (upstreamProbes.isEmpty() || controlProbes.isEmpty() || trafficFlows) {
            return NONE;
        }
        Set<Rung> rungs = EnumSet.noneOf(Rung.class);
        for (ProbeResult p : upstreamProbes) {
            if (p.failureClass() == null || !p.failedBeforeService()) {
                return NONE;
            }
            rungs.add(p.failedRung());
        }
        for (ProbeResult c : controlProbes) {
            if (c.failureClass() == null || reachable(c)) {
                return NONE;
            }
            rungs.add(c.failedRung());
        }
        String hosts = controlProbes.size() == 1 ? "the control host" : "the control hosts";
        String what = rungs.equals(EnumSet.of(Rung.DNS)) ? "DNS fails"
                : rungs.equals(EnumSet.of(Rung.CONNECT)) ? "connections fail"
                : rungs.equals(EnumSet.of(Rung.TLS)) ? "TLS fails"
                : String.join("/", rungs.stream().map(Rung::word).toList()) + " fail";
        return new EdgeVerdict(true, what + " for every upstream and " + hosts);
    }

    /**
     * A control host is reachable when DNS, a TCP connection and a trusted TLS handshake work: what it answers does
     * not matter. (A TLS interceptor whose CA this JVM does not trust fails here too: that is local as well.)
     */
    public static boolean reachable(ProbeResult control) {
        return control.failureClass() != null && !control.failedBeforeService();
    }
}
