package dev.detour.sim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fault a simulated upstream applies, as set through {@code POST /_sim/fault}.
 *
 * @param mode         what goes wrong
 * @param status       the HTTP status for {@link FaultMode#STATUS}
 * @param retryAfterS  a {@code retry-after} header (seconds) sent with the status, or null
 * @param delayMs      how long {@link FaultMode#SLOW_FIRST_TOKEN} waits before the first content
 * @param afterEvents  how many content events {@link FaultMode#CUT} and {@link FaultMode#STALL} let through first
 * @param times        how many API requests get the fault before the sim turns healthy again; null means until changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Fault(FaultMode mode, Integer status, Integer retryAfterS, int delayMs, int afterEvents, Integer times) {
    public static final Fault HEALTHY = new Fault(FaultMode.HEALTHY, null, null, 0, 0, null);
    static final int DEFAULT_DELAY_MS = 3000;
    static final int DEFAULT_AFTER_EVENTS = 2;

    /** Reads {@code {"mode":"status","status":529,"retry_after_s":3,"delay_ms":..,"after_events":..,"times":..}}. */
    public static Fault fromJson(JsonNode json) {
        FaultMode mode = FaultMode.fromWireName(json.path("mode").asText(""));
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of healthy, status, reset, no-answer, "
                    + "slow-first-token, cut, stall, error-event");
        }
        Integer status = json.hasNonNull("status") ? json.get("status").asInt() : null;
        if (mode == FaultMode.STATUS && (status == null || status < 400 || status > 599)) {
            throw new IllegalArgumentException("mode \"status\" needs \"status\" between 400 and 599");
        }
        Integer retryAfter = json.hasNonNull("retry_after_s") ? json.get("retry_after_s").asInt() : null;
        Integer times = json.hasNonNull("times") ? json.get("times").asInt() : null;
        if (times != null && times < 1) {
            throw new IllegalArgumentException("\"times\" must be at least 1 (leave it out for \"until changed\")");
        }
        return new Fault(mode, status, retryAfter, json.path("delay_ms").asInt(DEFAULT_DELAY_MS),
                json.path("after_events").asInt(DEFAULT_AFTER_EVENTS), times);
    }

    public String describe() {
        return switch (mode) {
            case STATUS -> "status " + status + (retryAfterS != null ? " retry-after " + retryAfterS + "s" : "");
            case SLOW_FIRST_TOKEN -> "slow-first-token " + delayMs + "ms";
            case CUT, STALL, ERROR_EVENT -> mode.wireName() + " after " + afterEvents + " events";
            default -> mode.wireName();
        } + (times != null ? " (" + times + "x)" : "");
    }
}
