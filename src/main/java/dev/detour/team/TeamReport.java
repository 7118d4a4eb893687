package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The team beside the local view, for {@code status} and the dashboard.
 *
 * @param reachable  whether Redis answered just now
 * @param staleS     when not reachable: age in seconds of the view shown (the last one read), or null when none
 * @param view       the merged team view (the last known one when Redis is unreachable), or null
 * @param overrides  the team's overrides, each with what this box does with it
 * @param problems   messages refused (unsigned, forged, stale, replayed), by this reader and by this box's bridges
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamReport(String team, String box, String redis, boolean reachable, String error, Long staleS,
                         TeamView view, List<OverrideSeen> overrides, List<String> problems) {

    /**
     * One override and this box's answer to it.
     *
     * @param here  what this box does: {@code applied}, {@code ignored} (with why), {@code no such session}, …
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverrideSeen(String session, String target, boolean clear, long until, String by, String box,
                               String reason, String here, String why) {
    }
}
