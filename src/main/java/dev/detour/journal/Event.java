package dev.detour.journal;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One line of {@code events.jsonl}: a reroute, family flip, failover, breaker change, bridge start/exit or health
 * change. Fields that do not apply are null and left out of the JSON.
 *
 * @param kind e.g. {@code reroute}, {@code family}, {@code failover}, {@code breaker}, {@code bridge_start},
 *             {@code bridge_exit}, {@code bridge_restart}, {@code health}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(Instant time, String kind, String session, String from, String to, String reason) {
    public static Event now(String kind, String session, String from, String to, String reason) {
        return new Event(Instant.now(), kind, session, from, to, reason);
    }
}
