package dev.detour.tui.shell;

import dev.detour.tui.model.Outcome;

/** Demo only: toggles a simulated upstream between healthy and failing. */
@FunctionalInterface
public interface FaultSwitch {
    Outcome toggle(String upstream);
}
