package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The team's merged view: every upstream as all boxes see it, and every box's sessions.
 *
 * @param boxes  how many boxes published a summary that is still live
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamView(long at, int boxes, List<Upstream> upstreams, List<SessionSeen> sessions) {
    public TeamView {
        upstreams = List.copyOf(upstreams);
        sessions = List.copyOf(sessions);
    }

    public static TeamView empty(long at) {
        return new TeamView(at, 0, List.of(), List.of());
    }

    /**
     * One upstream (same name and base URL) across the team.
     *
     * @param boxesWithTraffic boxes whose bridges sent it requests recently
     * @param boxesFailing     of those, boxes where the dominant failure ({@code failure}) is the team's dominant one
     * @param failure          the most frequent failure class over the team, or null when none failed
     * @param newest           epoch milliseconds of the newest request any box saw
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Upstream(String name, String url, int boxesWithTraffic, int boxesFailing, String failure,
                           int requests, int failures, Map<String, Integer> classes, long newest, int bridges) {
        public int failurePercent() {
            return requests == 0 ? 0 : Math.round(100f * failures / requests);
        }

        /** "anthropic: overloaded on 7 of 12 boxes, 41% of 3,120 requests". */
        public String sentence() {
            String volume = String.format("%,d", requests) + " request" + (requests == 1 ? "" : "s");
            if (failure == null) {
                return name + ": healthy on " + boxesWithTraffic + " box" + (boxesWithTraffic == 1 ? "" : "es")
                        + ", 0% errors of " + volume;
            }
            return name + ": " + failure + " on " + boxesFailing + " of " + boxesWithTraffic + " box"
                    + (boxesWithTraffic == 1 ? "" : "es") + ", " + failurePercent() + "% of " + volume;
        }
    }

    /** A session on a box as its bridge last published it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionSeen(String box, String session, String serving, String override, long at) {
    }
}
