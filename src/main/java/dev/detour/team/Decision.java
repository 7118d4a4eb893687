package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a box does with the team override of one of its sessions.
 *
 * @param state    {@code none}, {@code applied}, {@code ignored}, {@code expired} or {@code cleared}
 * @param upstream the upstream put first while applied, else null
 * @param why      for ignored: the reason in words
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(String state, String upstream, String why) {
    public static final Decision NONE = new Decision("none", null, null);

    public boolean applied() {
        return "applied".equals(state);
    }
}
