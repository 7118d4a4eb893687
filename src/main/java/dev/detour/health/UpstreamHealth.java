package dev.detour.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.detour.wire.FailureClass;

/**
 * One upstream's health: the state, the class of what is wrong, and why, from the strongest signal at hand.
 *
 * @param failureClass what is wrong ({@link FailureClass#OK} when nothing is), or null when unknown
 * @param detail       the evidence in plain words, e.g. {@code overloaded on 14 of 20 recent requests, newest 3 s ago}
 * @param source       where the state comes from: {@code traffic} (the bridges' recent requests, which win when
 *                     fresh), {@code probe}, {@code status page} or {@code none}
 * @param latencyMs    time to first byte of recent traffic, else the probe's time to an answer; null when unknown
 * @param errorPercent share of recent requests that failed, when traffic is fresh; else null
 * @param incident     what the provider's status page says (newest open incident or degraded component), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UpstreamHealth(String name, String family, HealthState state, FailureClass failureClass, String detail,
                             String source, Long latencyMs, Integer errorPercent, String incident, Long retryAfterS,
                             ProbeResult probe, PassiveSignal passive, StatusPageReport statusPage) {

    public static final String TRAFFIC = "traffic";
    public static final String PROBE = "probe";
    public static final String STATUS_PAGE = "status page";
    public static final String NONE = "none";

    /** e.g. {@code overloaded (529 on 14 of 20 recent requests; status page: ...)} or {@code healthy (180 ms)}. */
    @JsonProperty("reason")
    public String reason() {
        String word = state == HealthState.HEALTHY || state == HealthState.UNKNOWN || failureClass == null
                || failureClass == FailureClass.OK ? state.word() : failureClass.word();
        String evidence = detail == null ? "" : detail;
        if (incident != null && !evidence.contains(incident)) {
            evidence = evidence.isEmpty() ? incident : evidence + "; " + incident;
        }
        return evidence.isEmpty() ? word : word + " (" + evidence + ")";
    }

    /** The state word with its glyph, e.g. {@code ✖ down}. */
    @JsonProperty("label")
    public String label() {
        return state.glyph() + " " + state.word();
    }

    public UpstreamHealth withEdge(String edgeReason) {
        return new UpstreamHealth(name, family, HealthState.DOWN, FailureClass.EDGE, edgeReason, source, latencyMs,
                errorPercent, incident, retryAfterS, probe, passive, statusPage);
    }
}
