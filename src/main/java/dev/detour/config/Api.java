package dev.detour.config;

import java.util.ArrayList;
import java.util.List;

/** The dialect an upstream speaks ({@code api} of an upstream), each belonging to one family. */
public enum Api {
    MESSAGES("messages", Family.ANTHROPIC),
    CHAT("chat", Family.OPENAI),
    RESPONSES("responses", Family.OPENAI);

    private final String wireName;
    private final Family family;

    Api(String wireName, Family family) {
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

    /** The dialect of an upstream that names none: the first of its family. */
    public static Api defaultFor(Family family) {
        return ofFamily(family).get(0);
    }

    /** The dialects of a family, the default first. */
    public static List<Api> ofFamily(Family family) {
        List<Api> apis = new ArrayList<>();
        for (Api api : values()) {
            if (api.family == family) {
                apis.add(api);
            }
        }
        return apis;
    }

    /** @return the dialect of {@code family} spelled {@code text}, or null when there is none. */
    public static Api fromWireName(Family family, String text) {
        for (Api api : ofFamily(family)) {
            if (api.wireName.equals(text)) {
                return api;
            }
        }
        return null;
    }
}
