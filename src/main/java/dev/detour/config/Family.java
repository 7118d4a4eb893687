package dev.detour.config;

/** The wire format and model family of an upstream. */
public enum Family {
    ANTHROPIC("anthropic"),
    OPENAI("openai");

    private final String wireName;

    Family(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in the config file and in JSON output. */
    public String wireName() {
        return wireName;
    }

    public Family other() {
        return this == ANTHROPIC ? OPENAI : ANTHROPIC;
    }

    /** @return the family spelled {@code text}, or null when there is none. */
    public static Family fromWireName(String text) {
        for (Family f : values()) {
            if (f.wireName.equals(text)) {
                return f;
            }
        }
        return null;
    }
}
