package dev.detour.tui.model;

import java.util.List;

/** The result of one key: the next state and the effects the shell must carry out, in order. */
public record Step(DashboardState state, List<Effect> effects) {
    public Step {
        effects = List.copyOf(effects);
    }

    public static Step of(DashboardState state, Effect... effects) {
        return new Step(state, List.of(effects));
    }
}
