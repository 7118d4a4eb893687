package dev.detour.config;

/** Which upstreams of a route a request may move to when the current one fails before content. */
public enum Failover {
    OFF("off"),
    SAME_FAMILY("same-family"),
    ANY("any");

    private final String wireName;

    Failover(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** @return the mode spelled {@code text}, or null when there is none. */
    public static Failover fromWireName(String text) {
        for (Failover f : values()) {
            if (f.wireName.equals(text)) {
                return f;
            }
        }
        return null;
    }
}
