package dev.detour.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.detour.wire.FailureClass;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one probe up the ladder.
 *
 * @param rungs         the rungs climbed, in order, up to and including the first that failed
 * @param failedRung    the first rung that failed, or null when the probe reached an answer
 * @param status        the HTTP status of the answer, or null
 * @param failureClass  the class of the outcome; null when the probe could not run within its bound (unknown)
 * @param certIssuer    the issuer of the server's certificate (a corporate TLS interceptor shows here), or null
 * @param latencyMs     time from the start of the probe to the answer's headers, or null without an answer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProbeResult(String name, String url, Instant at, List<RungResult> rungs, Rung failedRung, Integer status,
                          FailureClass failureClass, String reason, Long retryAfterS, String certIssuer, Long latencyMs,
                          boolean credential) {
    public ProbeResult {
        rungs = List.copyOf(rungs);
    }

    public boolean ok() {
        return failureClass == FailureClass.OK;
    }

    /** The ladder for people, one entry per rung climbed (see {@link RungResult#line()}). */
    public List<String> rungLines() {
        return rungs.stream().map(RungResult::line).toList();
    }

    /** Whether the probe failed at DNS, TCP connect or TLS: before any byte reached the service. */
    public boolean failedBeforeService() {
        return failedRung != null && failedRung.beforeService();
    }
}
