package dev.detour.tui.view;

import dev.detour.config.Session;
import dev.detour.tui.model.BridgeState;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Snapshot;

import java.util.ArrayList;
import java.util.List;

/** What quitting the dashboard leaves behind, said on the way out: closing it stops nothing. */
public final class QuitSummary {
    private QuitSummary() {
    }

    public static List<String> lines(DashboardState state) {
        Snapshot snap = state.snapshot();
        List<String> running = new ArrayList<>();
        for (Session s : snap.sessions()) {
            BridgeState b = snap.bridge(s.name()).state();
            if (b == BridgeState.RUNNING || b == BridgeState.STARTING || b == BridgeState.UNREACHABLE) {
                running.add("  " + s.name() + "  127.0.0.1:" + s.port() + "  " + (state.mode().unicode() ? "→ " : "-> ")
                        + (s.route().isEmpty() ? "(no route)" : String.join(", ", s.route())));
            }
        }
        List<String> lines = new ArrayList<>();
        if (running.isEmpty()) {
            lines.add("detour: no bridge is running.");
        } else {
            lines.add("detour: " + running.size() + (running.size() == 1 ? " bridge keeps" : " bridges keep")
                    + " running (stop them with `detour down`):");
            lines.addAll(running);
        }
        return lines;
    }
}
