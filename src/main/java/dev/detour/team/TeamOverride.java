package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A team route override for one session name, or its end ({@code clear}). It names an upstream (or a family) by
 * name only: each box applies it to its own config, and a URL or key never comes from Redis.
 *
 * @param upstream the upstream to put first, or null for a family override
 * @param family   {@code anthropic} or {@code openai}: the first upstream of that family goes first; or null
 * @param until    epoch milliseconds when it ends by itself
 * @param by       who made it (user name)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TeamOverride(String session, boolean clear, String upstream, String family, long until, String reason,
                       String by) {
    public static TeamOverride clearing(String session, String by, String reason, long until) {
        return new TeamOverride(session, true, null, null, until, reason, by);
    }

    /** What it asks for, in words: "upstream corp-proxy" or "family openai". */
    public String target() {
        return clear ? "own route" : upstream != null ? upstream : "family " + family;
    }
}
