package dev.detour.tui.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of advice as the dashboard shows and applies it.
 *
 * @param upstream the upstream it is about, or null
 * @param command  the exact {@code detour …} command that makes the move, or null
 * @param moves    target upstream to the sessions to move there; empty when there is nothing to apply
 */
public record AdviceView(String upstream, String text, String command, Map<String, List<String>> moves) {
    public AdviceView {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        moves.forEach((target, sessions) -> copy.put(target, List.copyOf(sessions)));
        moves = Collections.unmodifiableMap(copy);
    }

    public static AdviceView text(String text) {
        return new AdviceView(null, text, null, Map.of());
    }

    public boolean actionable() {
        return !moves.isEmpty();
    }

    /** Each session to its target upstream. */
    public Map<String, String> bySession() {
        Map<String, String> to = new LinkedHashMap<>();
        moves.forEach((target, sessions) -> sessions.forEach(s -> to.put(s, target)));
        return to;
    }
}
