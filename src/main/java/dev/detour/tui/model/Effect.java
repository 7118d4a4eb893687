package dev.detour.tui.model;

import java.util.List;
import java.util.Map;

/** Work the dashboard's shell carries out for a key; the pure update only says what. */
public sealed interface Effect {
    /** Move {@code upstream} to the front of each session's route, written through the config writer. */
    record Reroute(List<String> sessions, String upstream) implements Effect {
        public Reroute {
            sessions = List.copyOf(sessions);
        }
    }

    /** Flip each session's model family. */
    record FlipFamily(List<String> sessions) implements Effect {
        public FlipFamily {
            sessions = List.copyOf(sessions);
        }
    }

    /** Put routes back as they were (undo). */
    record RestoreRoutes(Map<String, List<String>> routes, String description) implements Effect {
        public RestoreRoutes {
            routes = Map.copyOf(routes);
        }
    }

    record RestartBridges(List<String> sessions) implements Effect {
        public RestartBridges {
            sessions = List.copyOf(sessions);
        }
    }

    record StartBridges(List<String> sessions) implements Effect {
        public StartBridges {
            sessions = List.copyOf(sessions);
        }
    }

    record StopBridges(List<String> sessions) implements Effect {
        public StopBridges {
            sessions = List.copyOf(sessions);
        }
    }

    /** Demo only: switch the simulated upstream between healthy and answering 529. */
    record ToggleFault(String upstream) implements Effect {
    }

    /** Poll every source now. */
    record Refresh() implements Effect {
    }

    /** Repaint the whole terminal. */
    record Redraw() implements Effect {
    }

    /** Suspend the screen, open the config in {@code $EDITOR}, validate it on return. */
    record EditConfig() implements Effect {
    }

    record Quit() implements Effect {
    }
}
