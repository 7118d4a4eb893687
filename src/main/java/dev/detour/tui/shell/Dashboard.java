package dev.detour.tui.shell;

import dev.detour.config.PrivateFiles;
import dev.detour.tui.model.Msg;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Effect;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Step;
import dev.detour.tui.model.Update;
import dev.detour.tui.view.Render;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's shell: owns the terminal on one UI thread, takes keys and pollers' snapshots in, runs effects, and
 * draws a frame when something changed or a second passed. Restores the terminal on every way out.
 */
public final class Dashboard {
    static final long IDLE_WAIT_MS = 20;
    static final Duration TICK = Duration.ofSeconds(1);

    private final Path configFile;
    private final Mode mode;
    private final Pollers pollers;
    private final EffectRunner effects;
    private final DashboardLog log;
    private final Clock clock;
    private final Map<String, String> env;
    private DashboardState quitState;

    public Dashboard(Path configFile, Mode mode, Pollers pollers, EffectRunner effects, DashboardLog log, Clock clock,
                     Map<String, String> env) {
        this.configFile = configFile;
        this.mode = mode;
        this.pollers = pollers;
        this.effects = effects;
        this.log = log;
        this.clock = clock;
        this.env = env;
    }

    /** Runs until the user quits or the terminal goes away. Errors while the screen is up go to the log. */
    public void run(Runnable started) throws IOException {
        PrintStream stderr = System.err;
        TerminalScreen[] screen = {null};
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread ui = Thread.currentThread();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            log.error("uncaught in " + thread.getName(), e);
            if (thread == ui) {
                TerminalSetup.close(screen[0]);
                System.setErr(stderr);
                stderr.println("detour: the dashboard stopped on an error: " + e + " (details in " + log.file() + ")");
            }
        });
        PrivateFiles.file(log.file());
        try (PrintStream logStream = new PrintStream(new FileOutputStream(log.file().toFile(), true), true, StandardCharsets.UTF_8)) {
            System.setErr(logStream);
            screen[0] = TerminalSetup.open(mode.mouse());
            loop(screen, started);
        } catch (RuntimeException | Error e) {
            log.error("the dashboard stopped", e);
            throw e;
        } finally {
            TerminalSetup.close(screen[0]);
            System.setErr(stderr);
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    /**
     * The first frame shows the config alone; the pollers and {@code started} begin only once it is on screen, so that
     * their start (health probes, bridges' stats, history, the demo's sims) does not hold it back.
     */
    private void loop(TerminalScreen[] screens, Runnable started) throws IOException {
        Runnable afterFirstFrame = started;
        TerminalScreen screen = screens[0];
        DashboardState state = DashboardState.initial(pollers.latest(), mode, screen.getTerminalSize(), clock.instant());
        DashboardState drawn = null;
        Instant lastFrame = Instant.EPOCH;
        boolean[] complete = {true};
        while (true) {
            List<Msg> inbox = new ArrayList<>();
            KeyStroke key;
            while ((key = screen.pollInput()) != null) {
                inbox.add(new Msg.Key(key, clock.instant()));
            }
            TerminalSize resized = screen.doResizeIfNecessary();
            if (resized != null) {
                inbox.add(new Msg.Resize(resized));
            }
            Outcome outcome;
            while ((outcome = effects.poll()) != null) {
                inbox.add(new Msg.Done(outcome, clock.instant()));
            }
            Snapshot latest = pollers.latest();
            if (latest != state.snapshot()) {
                inbox.add(new Msg.Polled(latest));
            }
            Instant now = clock.instant();
            if (Duration.between(lastFrame, now).compareTo(TICK) >= 0) {
                inbox.add(new Msg.Tick(now));
            }
            for (Msg msg : inbox) {
                Step step = Update.apply(state, msg);
                state = step.state();
                for (Effect effect : step.effects()) {
                    if (effect instanceof Effect.Quit) {
                        quitState = state;
                        return;
                    }
                    if (effect instanceof Effect.EditConfig) {
                        screen = edit(screens);
                        state = Update.apply(state, new Msg.Resize(screen.getTerminalSize())).state();
                        complete[0] = true;
                    } else {
                        run(effect, screen, complete);
                    }
                }
            }
            if (state != drawn || complete[0]) {
                Render.render(state, screen.newTextGraphics(), screen.getTerminalSize());
                screen.refresh(complete[0] ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
                complete[0] = false;
                drawn = state;
                lastFrame = now;
            }
            if (afterFirstFrame != null) {
                pollers.start();
                afterFirstFrame.run();
                afterFirstFrame = null;
            }
            try {
                pollers.await(IDLE_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The effects the UI thread carries out itself; the rest go to the background runner. */
    private void run(Effect effect, TerminalScreen screen, boolean[] complete) throws IOException {
        if (effect instanceof Effect.Redraw) {
            complete[0] = true;
        } else if (effect instanceof Effect.Refresh) {
            pollers.refreshNow();
        } else if (effect instanceof Effect.Log l) {
            log.info(l.line());
        } else if (effect instanceof Effect.Copy c) {
            Clipboard.copy(System.out, c.text(), env.containsKey("TMUX"));
        } else {
            effects.submit(effect);
        }
    }

    /** The state when the user quit (for the quit summary), or null before. */
    public DashboardState quitState() {
        return quitState;
    }

    /** Hands the terminal to the editor: the screen is closed, and a fresh one opened when the editor exits. */
    private TerminalScreen edit(TerminalScreen[] screens) throws IOException {
        TerminalSetup.close(screens[0]);
        screens[0] = null;
        Outcome outcome = ConfigEditor.edit(configFile, env);
        screens[0] = TerminalSetup.open(mode.mouse());
        pollers.refreshNow();
        effects.submitOutcome(outcome);
        return screens[0];
    }
}
