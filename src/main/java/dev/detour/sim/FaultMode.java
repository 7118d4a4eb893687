package dev.detour.sim;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a simulated upstream misbehaves. Family-neutral: every simulated family honours every mode. */
public enum FaultMode {
    /** Answers normally. */
    HEALTHY("healthy"),
    /** Answers every API call with an error status in the family's error format (e.g. 500, 503, 529, 429, 401). */
    STATUS("status"),
    /** Resets the connection (TCP RST) after reading the request, before any response header. */
    RESET("reset"),
    /** Reads the request and never answers; holds the connection open until the client goes away. */
    NO_ANSWER("no-answer"),
    /** Sends headers (and for streams the opening events) at once, then waits before the first content. */
    SLOW_FIRST_TOKEN("slow-first-token"),
    /** Closes the connection in the middle of the reply body, without ending it. */
    CUT("cut"),
    /** Stops sending in the middle of the reply body and keeps the connection open. */
    STALL("stall"),
    /**
     * Ends the stream in the middle with the family's failure event ({@code event: error} overloaded_error; a
     * {@code serviceUnavailableException} frame from Bedrock), as a server that fails mid-answer does.
     */
    ERROR_EVENT("error-event");

    private final String wireName;

    FaultMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** @return the mode spelled {@code text}, or null when there is none. */
    public static FaultMode fromWireName(String text) {
        for (FaultMode m : values()) {
            if (m.wireName.equals(text)) {
                return m;
            }
        }
        return null;
    }
}
