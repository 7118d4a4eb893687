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
     * @param probes           each box's latest probe verdict, counted: verdict word to boxes
     * @param probedAt         epoch milliseconds of the newest of those verdicts, or 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Upstream(String name, String url, int boxesWithTraffic, int boxesFailing, String failure,
                           int requests, int failures, Map<String, Integer> classes, long newest, int bridges,
                           Map<String, Integer> probes, long probedAt) {
        public Upstream {
            classes = classes == null ? Map.of() : Map.copyOf(classes);
            probes = probes == null ? Map.of() : Map.copyOf(probes);
        }

        public int failurePercent() {
            return requests == 0 ? 0 : Math.round(100f * failures / requests);
        }

        /** "anthropic: overloaded on 7 of 12 boxes, 41% of 3,120 requests; probes: down on 5, healthy on 2 boxes". */
        public String sentence() {
            return traffic() + (probes.isEmpty() ? "" : "; probes: " + verdicts());
        }

        private String traffic() {
            String volume = String.format("%,d", requests) + " request" + (requests == 1 ? "" : "s");
            if (requests == 0) {
                return name + ": no recent traffic";
            }
            if (failure == null) {
                return name + ": healthy on " + boxesWithTraffic + " box" + (boxesWithTraffic == 1 ? "" : "es")
                        + ", 0% errors of " + volume;
            }
            return name + ": " + failure + " on " + boxesFailing + " of " + boxesWithTraffic + " box"
                    + (boxesWithTraffic == 1 ? "" : "es") + ", " + failurePercent() + "% of " + volume;
        }

        /** "down on 5, healthy on 2 boxes", worst first. */
        public String verdicts() {
            List<String> order = List.of("down", "degraded", "healthy");
            List<String> parts = new java.util.ArrayList<>();
            int total = 0;
            for (String word : order) {
                if (probes.containsKey(word)) {
                    parts.add(word + " on " + probes.get(word));
                    total += probes.get(word);
                }
            }
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(probes).entrySet()) {
                if (!order.contains(e.getKey())) {
                    parts.add(e.getKey() + " on " + e.getValue());
                    total += e.getValue();
                }
            }
            return String.join(", ", parts) + " box" + (total == 1 ? "" : "es");
        }
    }

    /** A session on a box as its bridge last published it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionSeen(String box, String session, String serving, String override, long at) {
    }
}
