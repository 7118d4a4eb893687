package dev.detour.cli;

import dev.detour.bridge.Bridge;
import dev.detour.wire.BridgeStats;
import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.journal.EventJournal;
import dev.detour.team.BridgeTeamAgent;
import dev.detour.team.ServedSession;
import dev.detour.team.Team;

/** Starts a bridge's team agent when the config has a {@code [team]} table; a bridge without one never loads a Redis client. */
final class BridgeTeamLink {
    /** Redis calls from a bridge give up after this long; they run on the agent's thread, never on a request's. */
    private static final int TIMEOUT_MS = 500;

    private BridgeTeamLink() {
    }

    static void startIfConfigured(Bridge bridge, String session, Config config) {
        if (config.team() == null) {
            return;
        }
        Team team;
        try {
            team = Team.open(config.team(), config.settings(), System.getenv(), TIMEOUT_MS);
        } catch (IllegalArgumentException e) {
            bridge.note("team mode off: " + e.getMessage());
            System.err.println("detour: warning: team mode off: " + e.getMessage());
            return;
        }
        DetourPaths paths = DetourPaths.system();
        new BridgeTeamAgent(team, session, new ServedSession() {
            @Override
            public Config config() {
                return bridge.config().current().config();
            }

            @Override
            public BridgeStats stats() {
                return bridge.snapshotStats();
            }

            @Override
            public void front(String upstream) {
                bridge.front(upstream);
            }
        }, new EventJournal(paths.eventsFile()), paths.stateDir(), bridge::note).start();
        bridge.note("team " + config.team().name() + " as box " + config.team().box() + " (Redis "
                + team.store().link().where() + ")");
    }
}
