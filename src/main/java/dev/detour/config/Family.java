package dev.detour.config;

import java.util.List;

/** The wire format and model family of an upstream. */
public enum Family {
    ANTHROPIC("anthropic", List.of("messages", "bedrock", "vertex")),
    OPENAI("openai", List.of("chat", Family.RESPONSES));

    /** The OpenAI Responses API ({@code api = "responses"}), the one openai dialect Codex speaks. */
    public static final String RESPONSES = "responses";

    private final String wireName;
    private final List<String> apis;

    /** @param apis the dialects ({@code api = "..."}) an upstream of this family may speak; the first is the default */
    Family(String wireName, List<String> apis) {
        this.wireName = wireName;
        this.apis = apis;
    }

    /** The values {@code api} may take for an upstream of this family. */
    public List<String> apis() {
        return apis;
    }

    /** The dialect of an upstream of this family that does not say {@code api}. */
    public String defaultApi() {
        return apis.get(0);
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
