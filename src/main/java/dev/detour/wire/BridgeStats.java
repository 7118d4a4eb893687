package dev.detour.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a bridge answers at {@code GET /t/TOKEN/_detour/stats}: the contract between the bridge and its readers
 * (health, status, dashboard). JSON names are snake_case; unknown fields are ignored so readers tolerate newer bridges.
 *
 * @param configError     why the newest config could not be applied (the bridge keeps the last good route), or null
 * @param serving         the upstream that answered the newest request, or null before any request
 * @param requests        the newest requests, oldest first, at most 200
 * @param claudeSessions  Claude Code session ids ({@code X-Claude-Code-Session-Id}) seen in the last 10 minutes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BridgeStats(String session, long pid, Instant startedAt, int port, long configVersion,
                          String configError, List<String> route, String serving, int inFlight,
                          Map<String, UpstreamStats> upstreams, List<RequestRecord> requests,
                          List<String> claudeSessions) {

    /**
     * Per upstream of the route, from real traffic.
     *
     * @param breaker   {@code closed}, {@code open} or {@code half-open}
     * @param skipped   why the bridge cannot use this upstream at all (e.g. its key's env var is unset), or null
     * @param classes   failure class word to count, over the recent requests
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UpstreamStats(String breaker, String skipped, int requests, int failures,
                                Map<String, Integer> classes, Long ttfbMsP50, Integer lastStatus, Instant lastAt) {
    }

    /**
     * One request as the agent saw it.
     *
     * @param upstream      the upstream that gave the final answer (or the last one tried)
     * @param status        the status returned to the agent; 0 when the agent went away first
     * @param ttfbMs        time to the first byte sent to the agent, or null
     * @param failureClass  a {@code FailureClass} word, null when ok
     * @param attempts      each upstream tried, in order, as {@code name:status} or {@code name:reason}
     * @param mappedModel   the model sent upstream when it differs from {@code model} (family translation)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RequestRecord(Instant time, String method, String path, String upstream, int status, Long ttfbMs,
                                long durationMs, String failureClass, String claudeSession, String model,
                                String mappedModel, List<String> attempts) {
    }
}
