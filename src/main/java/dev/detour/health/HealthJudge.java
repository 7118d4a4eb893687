package dev.detour.health;

import dev.detour.config.Upstream;
import dev.detour.wire.FailureClass;

import java.time.Duration;
import java.time.Instant;

/**
 * Combines what is known of one upstream into its state. Pure. Fresh traffic through the bridges wins (it is what the
 * agents see); without it the probe decides; the status page adds its incident, can lower a healthy probe to
 * degraded, and stands alone only when nothing else is known. An unreadable status page never makes anything down.
 */
public final class HealthJudge {
    /** How recent the newest request through a bridge must be for traffic to speak for an upstream. */
    public static final Duration FRESH = Duration.ofMinutes(2);
    private static final int DOWN_PERCENT = 50;

    private HealthJudge() {
    }

    public static UpstreamHealth judge(Upstream upstream, ProbeResult probe, PassiveSignal passive,
                                       StatusPageReport page, Instant now) {
        String incident = page == null ? null : page.summary(now);
        UpstreamHealth base;
        if (passive != null && passive.fresh(now, FRESH)) {
            base = fromTraffic(upstream, passive, probe, page, incident, now);
        } else if (probe != null && probe.failureClass() != null) {
            base = fromProbe(upstream, probe, passive, page, incident);
        } else if (page != null && page.readable()) {
            base = fromPage(upstream, probe, passive, page, incident);
        } else {
            String why = probe != null ? probe.reason() : "not probed yet";
            base = new UpstreamHealth(upstream.name(), upstream.family().wireName(), HealthState.UNKNOWN, null, why,
                    UpstreamHealth.NONE, null, null, incident, null, probe, passive, page);
        }
        return base;
    }

    private static UpstreamHealth fromTraffic(Upstream u, PassiveSignal p, ProbeResult probe, StatusPageReport page,
                                              String incident, Instant now) {
        String ago = p.newest() == null ? "" : ", newest " + Ages.of(Duration.between(p.newest(), now)) + " ago";
        if (p.failures() == 0) {
            return new UpstreamHealth(u.name(), u.family().wireName(), HealthState.HEALTHY, FailureClass.OK,
                    p.requests() + " recent requests ok" + (p.ttfbMsP50() == null ? "" : ", first byte " + p.ttfbMsP50() + " ms"),
                    UpstreamHealth.TRAFFIC, p.ttfbMsP50(), 0, incident, null, probe, p, page);
        }
        FailureClass dominant = p.dominantFailure();
        if (dominant == null) {
            dominant = FailureClass.OUTAGE;
        }
        boolean newestOk = p.lastStatus() != null && p.lastStatus() >= 200 && p.lastStatus() < 400;
        HealthState state;
        if (newestOk) {
            state = HealthState.DEGRADED;
        } else if (p.errorPercent() >= DOWN_PERCENT) {
            state = dominant == FailureClass.RATE_LIMITED ? HealthState.DEGRADED : HealthState.DOWN;
        } else {
            state = HealthState.DEGRADED;
        }
        String detail = (p.lastStatus() != null && p.lastStatus() >= 400 ? p.lastStatus() + " " : "")
                + "on " + p.failures() + " of " + p.requests() + " recent requests" + ago
                + (newestOk ? "; newest ok, recovering" : "");
        Long retry = dominant == FailureClass.RATE_LIMITED && probe != null ? probe.retryAfterS() : null;
        return new UpstreamHealth(u.name(), u.family().wireName(), state, dominant, detail, UpstreamHealth.TRAFFIC,
                p.ttfbMsP50(), p.errorPercent(), incident, retry, probe, p, page);
    }

    private static UpstreamHealth fromProbe(Upstream u, ProbeResult probe, PassiveSignal passive, StatusPageReport page,
                                            String incident) {
        FailureClass c = probe.failureClass();
        HealthState state = switch (c) {
            case OK -> HealthState.HEALTHY;
            case RATE_LIMITED, CLIENT_ERROR -> HealthState.DEGRADED;
            default -> HealthState.DOWN;
        };
        String detail = probe.reason();
        if (c == FailureClass.OK && probe.latencyMs() != null) {
            detail = detail + ", " + probe.latencyMs() + " ms";
        }
        if (probe.failedBeforeService()) {
            detail = detail + " at " + probe.failedRung().word();
        }
        if (state == HealthState.HEALTHY && page != null && page.concern() != StatusPageReport.Concern.NONE
                && page.concern() != StatusPageReport.Concern.UNKNOWN) {
            state = HealthState.DEGRADED;
        }
        return new UpstreamHealth(u.name(), u.family().wireName(), state, c, detail, UpstreamHealth.PROBE,
                probe.latencyMs(), null, incident, probe.retryAfterS(), probe, passive, page);
    }

    private static UpstreamHealth fromPage(Upstream u, ProbeResult probe, PassiveSignal passive, StatusPageReport page,
                                           String incident) {
        HealthState state = switch (page.concern()) {
            case NONE -> HealthState.HEALTHY;
            case MINOR -> HealthState.DEGRADED;
            case MAJOR -> HealthState.DOWN;
            case UNKNOWN -> HealthState.UNKNOWN;
        };
        FailureClass c = state == HealthState.HEALTHY ? FailureClass.OK : state == HealthState.DOWN ? FailureClass.OUTAGE : null;
        String detail = incident == null ? "status page: all operational" : null;
        return new UpstreamHealth(u.name(), u.family().wireName(), state, c, detail, UpstreamHealth.STATUS_PAGE,
                null, null, incident, null, probe, passive, page);
    }
}
