package dev.detour.config;

/**
 * The wire shape an upstream speaks within its family: {@code api} in an {@code [upstreams.NAME]} table.
 * {@code messages} is the Anthropic default, {@code chat} the OpenAI one.
 */
public enum Dialect {
    MESSAGES("messages", Family.ANTHROPIC),
    BEDROCK("bedrock", Family.ANTHROPIC),
    VERTEX("vertex", Family.ANTHROPIC),
    CHAT("chat", Family.OPENAI),
    RESPONSES("responses", Family.OPENAI);

    private final String wireName;
    private final Family family;

    Dialect(String wireName, Family family) {
        this.wireName = wireName;
        this.family = family;
    }

    /** The spelling used in the config file and in JSON output. */
    public String wireName() {
        return wireName;
    }

    public Family family() {
        return family;
    }

    /** The dialect an upstream of {@code family} speaks when it names none. */
    public static Dialect defaultFor(Family family) {
        return family == Family.OPENAI ? CHAT : MESSAGES;
    }

    /** Whether the dialect reaches a cloud provider's regional endpoint (its base URL derived from region/project). */
    public boolean cloud() {
        return this == BEDROCK || this == VERTEX;
    }

    /** @return the dialect spelled {@code text} within {@code family}, or null when there is none. */
    public static Dialect fromWireName(String text, Family family) {
        for (Dialect d : values()) {
            if (d.wireName.equals(text) && d.family == family) {
                return d;
            }
        }
        return null;
    }
}
