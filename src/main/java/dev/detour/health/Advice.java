package dev.detour.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.detour.wire.FailureClass;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of diagnosis with the move that helps.
 *
 * @param upstream      the upstream it is about, or null for the whole setup (edge failure, all well)
 * @param sessions      the sessions it concerns (those whose traffic goes to that upstream now)
 * @param failureClass  what is wrong, or null when nothing is
 * @param text          the line in plain words
 * @param command       the detour command that makes the move, or null when no command helps
 * @param moves         the reroutes that command makes: target upstream to the sessions to move there (empty: none)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Advice(String upstream, List<String> sessions, FailureClass failureClass, String text, String command,
                     Map<String, List<String>> moves) {
    public Advice {
        sessions = List.copyOf(sessions);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        moves.forEach((target, names) -> copy.put(target, List.copyOf(names)));
        moves = Collections.unmodifiableMap(copy);
    }

    /** Advice without a reroute to make. */
    public Advice(String upstream, List<String> sessions, FailureClass failureClass, String text, String command) {
        this(upstream, sessions, failureClass, text, command, Map.of());
    }

    public boolean concerns(String session) {
        return sessions.contains(session) || (upstream == null && failureClass != null);
    }
}
