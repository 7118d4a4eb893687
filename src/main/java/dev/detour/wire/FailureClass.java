package dev.detour.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of failure one observation (a request, a probe) shows. The classes say which move helps: rerouting
 * fixes an outage or overload, not a failure at the user's own edge, and only sometimes a rate limit.
 */
public enum FailureClass {
    OK("ok"),
    RATE_LIMITED("rate-limited"),
    SPEND_CAP("spend-cap"),
    OVERLOADED("overloaded"),
    OUTAGE("outage"),
    AUTH("auth"),
    CLIENT_ERROR("client-error"),
    UNREACHABLE("unreachable"),
    EDGE("edge");

    private final String word;

    FailureClass(String word) {
        this.word = word;
    }

    /** The word shown to users and written to JSON. */
    @JsonValue
    public String word() {
        return word;
    }

    /** The class spelled {@code word} (as written to JSON and in bridge stats), or null when there is none. */
    public static FailureClass fromWord(String word) {
        for (FailureClass c : values()) {
            if (c.word.equals(word)) {
                return c;
            }
        }
        return null;
    }

    /** Whether sending the same traffic to another upstream can help with this class of failure. */
    public boolean reroutingHelps() {
        return switch (this) {
            case OVERLOADED, OUTAGE, AUTH, UNREACHABLE, SPEND_CAP, RATE_LIMITED -> true;
            case OK, CLIENT_ERROR, EDGE -> false;
        };
    }

    /** The class of an HTTP status alone; callers that have the body refine 429 into {@link #SPEND_CAP}. */
    public static FailureClass ofStatus(int status) {
        if (status < 400) {
            return OK;
        }
        return switch (status) {
            case 429 -> RATE_LIMITED;
            case 529 -> OVERLOADED;
            case 401, 402, 403 -> AUTH;
            case 408 -> OUTAGE;
            default -> status >= 500 ? OUTAGE : CLIENT_ERROR;
        };
    }
}
