package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * What one bridge shares about its upstreams: counts from its recent passive traffic, never a request, a prompt,
 * a key or a token.
 *
 * @param at        when it was made, epoch milliseconds: the envelope's time, not part of the body, so that an
 *                  unchanged summary has the same body and readers parse it once
 * @param route     the session's route as served now (overrides applied)
 * @param override  the team override this session follows, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Summary(String box, String session, @JsonIgnore long at, List<String> route, String override,
                      List<Line> upstreams) {
    public Summary {
        route = route == null ? List.of() : List.copyOf(route);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }

    /** The same summary made at {@code ms} (readers take it from the signed envelope). */
    public Summary madeAt(long ms) {
        return new Summary(box, session, ms, route, override, upstreams);
    }

    /**
     * One upstream as this bridge saw it.
     *
     * @param url      the upstream's base URL: upstreams of different boxes are the same when name and URL agree
     * @param classes  failure class word to count over the recent requests
     * @param newest   epoch milliseconds of the newest request, or 0
     * @param probe    this box's latest probe verdict ({@code healthy}, {@code degraded}, {@code down}), or null
     * @param probeAt  when that verdict was reached, epoch milliseconds, or 0
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String name, String url, int requests, int failures, Map<String, Integer> classes,
                       String breaker, Integer lastStatus, long newest, String probe, long probeAt) {
        public Line {
            classes = classes == null ? Map.of() : Map.copyOf(classes);
        }

        public Line(String name, String url, int requests, int failures, Map<String, Integer> classes, String breaker,
                    Integer lastStatus, long newest) {
            this(name, url, requests, failures, classes, breaker, lastStatus, newest, null, 0);
        }
    }
}
