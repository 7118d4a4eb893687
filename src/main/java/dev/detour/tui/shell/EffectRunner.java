package dev.detour.tui.shell;

import dev.detour.tui.model.Effect;
import dev.detour.tui.model.Outcome;


import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Carries out the effects that do I/O (config writes, bridge control, demo faults) one after another on a
 * background thread, so the UI thread never waits; their outcomes queue up for the UI thread to take in.
 */
public final class EffectRunner implements AutoCloseable {
    private final RouteActions routes;
    private final BridgeLogs logs;
    private final BridgeControl bridges;
    private final FaultSwitch faults;
    private final Pollers pollers;
    private final DashboardLog log;
    private TeamActions team;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "detour-actions");
        t.setDaemon(true);
        return t;
    });

    public EffectRunner(RouteActions routes, BridgeLogs logs, BridgeControl bridges, FaultSwitch faults, Pollers pollers,
                        DashboardLog log) {
        this.routes = routes;
        this.logs = logs;
        this.bridges = bridges;
        this.faults = faults;
        this.pollers = pollers;
        this.log = log;
    }

    /** Lets whole-team route changes run (team mode); without it they say that team mode is off. */
    public EffectRunner withTeam(TeamActions actions) {
        this.team = actions;
        return this;
    }

    public void submit(Effect effect) {
        worker.execute(() -> {
            Outcome outcome;
            try {
                outcome = run(effect);
            } catch (RuntimeException | Error e) {
                log.error("action " + effect, e);
                outcome = Outcome.error(effect.getClass().getSimpleName() + " failed: " + e.getMessage()
                        + " (details in " + log.file() + ")");
            }
            outcomes.add(outcome);
            pollers.refreshNow();
            pollers.wake();
        });
    }

    /** Queues an outcome found on the UI thread itself (e.g. the editor's), to be taken in like the others. */
    public void submitOutcome(Outcome outcome) {
        outcomes.add(outcome);
        pollers.wake();
    }

    /** The next outcome waiting for the UI thread, or null. */
    public Outcome poll() {
        return outcomes.poll();
    }

    private Outcome run(Effect effect) {
        if (effect instanceof Effect.ChangeRoutes c) {
            Outcome done = routes.apply(c.request());
            return done.error() || c.undoing() == null ? done : Outcome.info("undone: " + c.undoing());
        }
        if (effect instanceof Effect.ChangeTeamRoutes t) {
            return team == null ? Outcome.error("team mode is off") : team.apply(t.requests(), t.undoing());
        }
        if (effect instanceof Effect.ReadLog r) {
            return logs.tail(r.session());
        }
        if (effect instanceof Effect.RestartBridges r) {
            return bridges.restart(r.sessions());
        }
        if (effect instanceof Effect.StartBridges s) {
            return bridges.start(s.sessions());
        }
        if (effect instanceof Effect.StopBridges s) {
            return bridges.stop(s.sessions());
        }
        if (effect instanceof Effect.ToggleFault t) {
            return faults == null ? Outcome.error("faults can be switched only in detour demo") : faults.toggle(t.upstream());
        }
        throw new IllegalArgumentException("not a background effect: " + effect);
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
