package dev.detour.tui.model;

import dev.detour.route.RouteRequest;

import java.util.List;

/** Work the dashboard's shell carries out; the pure update only says what. */
public sealed interface Effect {
    /**
     * A route change through the one route-change operation (config write-back, reload, journal).
     *
     * @param undoing the description of the change this one undoes (it leaves the undo stack), or null
     */
    record ChangeRoutes(RouteRequest request, String undoing) implements Effect {
    }

    /**
     * Route changes for the whole team, through the one route-change operation (publish, journal).
     *
     * @param undoing the description of the change these undo (it leaves the undo stack), or null
     */
    record ChangeTeamRoutes(List<dev.detour.team.TeamRequest> requests, String undoing) implements Effect {
        public ChangeTeamRoutes {
            requests = List.copyOf(requests);
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

    /** Read the newest lines of a session's bridge log, for the details view. */
    record ReadLog(String session) implements Effect {
    }

    /** Put {@code text} on the terminal's clipboard (OSC 52: works over SSH and in tmux). */
    record Copy(String text) implements Effect {
    }

    /** A line for the dashboard's log file (nothing may go to stderr while the screen is up). */
    record Log(String line) implements Effect {
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
