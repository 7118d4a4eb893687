package dev.detour.tui;

/** Demo only: toggles a simulated upstream between healthy and failing. */
@FunctionalInterface
public interface FaultSwitch {
    Outcome toggle(String upstream);
}
