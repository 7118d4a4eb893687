package dev.detour.tui.model;

import dev.detour.config.Config;
import dev.detour.health.HealthState;
import dev.detour.route.RouteException;
import dev.detour.route.RouteRequest;
import dev.detour.route.SessionChange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No surprises: says why a route change deserves a question before it runs — it puts traffic onto an upstream that
 * is down or degraded, or onto another model family. Pure: the change is made on the config in memory.
 */
public final class RouteGuard {
    private RouteGuard() {
    }

    /** The reasons to ask, one per target upstream or family move; empty when the change is unsurprising. */
    public static List<String> concerns(Snapshot snapshot, RouteRequest request) {
        Config config = snapshot.config();
        List<SessionChange> changes;
        try {
            changes = SessionChange.between(request.kind(), config, request.apply(config), request.sessions());
        } catch (RouteException e) {
            return List.of();
        }
        Map<String, List<String>> byTarget = new LinkedHashMap<>();
        Map<String, List<String>> byFamilyMove = new LinkedHashMap<>();
        for (SessionChange c : changes) {
            byTarget.computeIfAbsent(c.to(), k -> new ArrayList<>()).add(c.session());
            if (c.familyBefore() != null && c.familyAfter() != null && c.familyBefore() != c.familyAfter()) {
                byFamilyMove.computeIfAbsent(c.familyBefore().wireName() + " to " + c.familyAfter().wireName(),
                        k -> new ArrayList<>()).add(c.session());
            }
        }
        List<String> concerns = new ArrayList<>();
        byTarget.forEach((target, sessions) -> {
            UpstreamView v = snapshot.upstream(target);
            if (v.state() == HealthState.DOWN || v.state() == HealthState.DEGRADED) {
                concerns.add(target + " is " + v.state().word() + (v.diagnosis() == null ? "" : " (" + v.diagnosis() + ")")
                        + ": " + Words.names(sessions) + " would send " + (sessions.size() == 1 ? "its" : "their")
                        + " traffic there");
            }
        });
        byFamilyMove.forEach((move, sessions) -> concerns.add(Words.names(sessions) + " would change model family, "
                + move + ": the bridge translates, and answers come from other models"));
        return concerns;
    }

    /** The change at once when nothing is surprising, else a question that says why, with Cancel focused. */
    public static Step guarded(DashboardState state, String title, String verb, RouteRequest request, String undoing,
                               String intro) {
        Effect effect = new Effect.ChangeRoutes(request, undoing);
        List<String> concerns = concerns(state.snapshot(), request);
        if (concerns.isEmpty()) {
            return proceed(state.withOverlay(null), effect);
        }
        String question = (intro == null ? "" : intro + " ") + "Careful: " + String.join("; ", concerns) + ". " + verb + " anyway?";
        return Step.of(state.withOverlay(new Overlay.Confirm(title, question, verb, effect, false)));
    }

    /** Runs an effect the user asked for: the marks are cleared, and an undo leaves the undo stack. */
    static Step proceed(DashboardState state, Effect effect) {
        DashboardState s = Update.acted(state);
        boolean undoing = effect instanceof Effect.ChangeRoutes c && c.undoing() != null
                || effect instanceof Effect.ChangeTeamRoutes t && t.undoing() != null;
        if (undoing && !s.undo().isEmpty()) {
            s = s.withUndo(s.undo().subList(0, s.undo().size() - 1));
        }
        return Step.of(s, effect);
    }
}
