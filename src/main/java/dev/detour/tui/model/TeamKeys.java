package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import dev.detour.team.Durations;
import dev.detour.team.TeamRequest;

import java.util.Optional;

/** What the keys do in the team pane and in the picker's second step, "this box" or "the whole team". */
final class TeamKeys {
    private TeamKeys() {
    }

    static Step open(DashboardState state) {
        if (state.snapshot().config().team() == null) {
            return Step.of(state.info("team mode is off: add a [team] table to the config (see the README)"));
        }
        return Step.of(state.withOverlay(new Overlay.Team(0)));
    }

    static Step pane(DashboardState state, Overlay.Team t, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.TEAM, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "in the team pane");
        }
        return switch (binding.get().action()) {
            case BACK -> Step.of(state.withOverlay(null));
            case REFRESH -> Step.of(state.info("reading the team"), new Effect.Refresh());
            default -> {
                int scroll = ViewKeys.scroll(binding.get().action(), state.layout().bodyHeight());
                yield Step.of(state.withOverlay(new Overlay.Team(Math.max(0, t.top() + scroll))));
            }
        };
    }

    static Step scope(DashboardState state, Overlay.Scope sc, KeyStroke key) {
        Optional<KeyBinding> binding = Keymap.lookup(Context.SCOPE, key, state.mode().demo());
        if (binding.isEmpty()) {
            return Update.unbound(state, key, "here (j/k switch, enter reroutes, esc cancels)");
        }
        return switch (binding.get().action()) {
            case BACK -> Step.of(state.withOverlay(null).info("reroute cancelled"));
            case SWITCH_BUTTON -> Step.of(state.withOverlay(new Overlay.Scope(sc.sessions(), sc.upstream(), !sc.wholeTeam())));
            case CHOOSE -> sc.wholeTeam() ? wholeTeam(state, sc) : DialogKeys.reroute(state, sc.sessions(), sc.upstream());
            default -> Step.of(state);
        };
    }

    /** A team override touches every box: it is asked first, with Cancel focused, naming what it does. */
    private static Step wholeTeam(DashboardState state, Overlay.Scope sc) {
        String team = state.snapshot().config().team().name();
        TeamRequest request = TeamRequest.reroute(sc.sessions(), sc.upstream(), Durations.DEFAULT_OVERRIDE, null);
        String question = "Reroute " + Words.names(sc.sessions()) + " to " + sc.upstream() + " on every box of team "
                + team + " for " + Durations.words(request.length()) + "? Their bridges follow within 2 s; nobody's "
                + "config changes; a box without " + sc.upstream() + " ignores it.";
        return Step.of(state.withOverlay(new Overlay.Confirm("Reroute the whole team", question, "Reroute team",
                new Effect.ChangeTeamRoutes(java.util.List.of(request), null), false)));
    }

    /** Undoing a whole-team change puts the team's overrides back as they were: asked first, like the change. */
    static Step undo(DashboardState state, UndoEntry last) {
        return Step.of(state.withOverlay(new Overlay.Confirm("Undo the team change", "Undo \"" + last.description()
                + "\" on every box of the team?", "Undo", new Effect.ChangeTeamRoutes(last.teamBefore(),
                last.description()), false)));
    }
}
