package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What a bridge's team agent last knew, written to {@code STATE/team/SESSION.json} for {@code status} and the
 * dashboard: the Redis connection, the override it follows (or ignores, and why), and the messages it refused.
 *
 * @param redisOk    whether the last call to Redis worked
 * @param lastOkMs   epoch milliseconds of the last call that worked (0: never)
 * @param error      why Redis could not be reached, or null
 * @param override   the newest believed override of this session, or null
 * @param from       the box that published it
 * @param problems   the newest refused messages, in words
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamState(String session, String box, String team, boolean redisOk, long lastOkMs, String error,
                        Decision decision, TeamOverride override, String from, List<String> problems, long updatedMs) {
    public TeamState {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
