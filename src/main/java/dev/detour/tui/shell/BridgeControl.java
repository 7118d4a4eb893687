package dev.detour.tui.shell;

import dev.detour.tui.model.Outcome;

import java.util.List;

/** Starts, stops and restarts bridges for the dashboard. */
public interface BridgeControl {
    Outcome start(List<String> sessions);

    Outcome stop(List<String> sessions);

    Outcome restart(List<String> sessions);
}
