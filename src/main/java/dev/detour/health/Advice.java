package dev.detour.health;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.detour.wire.FailureClass;

import java.util.List;

/**
 * One line of diagnosis with the move that helps.
 *
 * @param upstream      the upstream it is about, or null for the whole setup (edge failure, all well)
 * @param sessions      the sessions it concerns (those whose traffic goes to that upstream now)
 * @param failureClass  what is wrong, or null when nothing is
 * @param text          the line in plain words
 * @param command       the detour command that makes the move, or null when no command helps
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Advice(String upstream, List<String> sessions, FailureClass failureClass, String text, String command) {
    public Advice {
        sessions = List.copyOf(sessions);
    }

    public boolean concerns(String session) {
        return sessions.contains(session) || (upstream == null && failureClass != null);
    }
}
