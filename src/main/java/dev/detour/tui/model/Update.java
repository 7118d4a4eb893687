package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's behaviour, the only place it lives: a message (key, snapshot, outcome, tick, resize) and the
 * current state in, the next state and its effects out. No I/O.
 */
public final class Update {
    private Update() {
    }

    public static Step apply(DashboardState state, Msg msg) {
        if (msg instanceof Msg.Key k) {
            return key(state.at(k.at()), k.key());
        }
        if (msg instanceof Msg.Polled p) {
            return Step.of(state.paused()
                    ? state.withSnapshot(state.snapshot().withConfig(p.snapshot().config(), p.snapshot().configError()))
                    : state.withSnapshot(p.snapshot()));
        }
        if (msg instanceof Msg.Done d) {
            return done(state.at(d.at()), d.outcome());
        }
        if (msg instanceof Msg.Tick t) {
            return Step.of(state.at(t.now()));
        }
        if (msg instanceof Msg.Resize r) {
            return Step.of(state.withSize(r.size()), new Effect.Redraw());
        }
        throw new IllegalArgumentException("not a message: " + msg);
    }

    /** A key at the state's own time (tests and the benchmark). */
    public static Step apply(DashboardState state, KeyStroke key) {
        return key(state, key);
    }

    /** What an effect did: the flash line says it, a route change becomes undoable, a failure is logged. */
    private static Step done(DashboardState state, Outcome outcome) {
        DashboardState s = outcome.error() ? state.error(outcome.message()) : state.info(outcome.message());
        if (outcome.routesBefore() != null && !outcome.routesBefore().isEmpty()) {
            List<UndoEntry> stack = new ArrayList<>(state.undo());
            stack.add(new UndoEntry(outcome.routesBefore(), outcome.message()));
            s = s.withUndo(stack);
        }
        if (outcome.teamBefore() != null && !outcome.teamBefore().isEmpty()) {
            List<UndoEntry> stack = new ArrayList<>(s.undo());
            stack.add(new UndoEntry(java.util.Map.of(), outcome.message(), outcome.teamBefore()));
            s = s.withUndo(stack);
        }
        if (outcome.logTail() != null && s.overlay() instanceof Overlay.Details d && d.name().equals(outcome.logTail().session())) {
            s = s.withOverlay(new Overlay.Details(d.kind(), d.name(), 0, outcome.logTail().lines()));
        }
        return outcome.error() ? Step.of(s, new Effect.Log("action failed: " + outcome.message())) : Step.of(s);
    }

    private static Step key(DashboardState state, KeyStroke key) {
        if (key instanceof MouseAction mouse) {
            return MouseInput.apply(state, mouse);
        }
        if (key.getKeyType() == KeyType.EOF || isCtrl(key, 'c')) {
            return Step.of(state, new Effect.Quit());
        }
        Overlay overlay = state.overlay();
        if (overlay instanceof Overlay.Filtering f) {
            return DialogKeys.filtering(state, f, key);
        }
        if (overlay instanceof Overlay.Confirm c) {
            return DialogKeys.confirm(state, c, key);
        }
        if (overlay instanceof Overlay.Picker p) {
            return DialogKeys.picker(state, p, key);
        }
        if (overlay instanceof Overlay.Help h) {
            return DialogKeys.help(state, h, key);
        }
        if (overlay instanceof Overlay.Details d) {
            return ViewKeys.details(state, d, key);
        }
        if (overlay instanceof Overlay.Events e) {
            return ViewKeys.events(state, e, key);
        }
        if (overlay instanceof Overlay.AdviceList a) {
            return ViewKeys.advice(state, a, key);
        }
        if (overlay instanceof Overlay.Team t) {
            return TeamKeys.pane(state, t, key);
        }
        if (overlay instanceof Overlay.Scope sc) {
            return TeamKeys.scope(state, sc, key);
        }
        return Keymap.lookup(Context.MAIN, key, state.mode().demo())
                .map(b -> MainKeys.action(state, b))
                .orElseGet(() -> unbound(state, key, "here"));
    }

    /** A key that does nothing where it was pressed says so, briefly. */
    static Step unbound(DashboardState state, KeyStroke key, String where) {
        return Step.of(state.info(describe(key) + " does nothing " + where + "; ? lists the keys"));
    }

    static String describe(KeyStroke key) {
        if (key.getKeyType() == KeyType.Character) {
            return (key.isCtrlDown() ? "ctrl-" : "") + (key.isAltDown() ? "alt-" : "")
                    + (key.getCharacter() == ' ' ? "space" : String.valueOf(key.getCharacter()));
        }
        return key.getKeyType().name().toLowerCase(java.util.Locale.ROOT);
    }

    static boolean isCtrl(KeyStroke key, char c) {
        return key.getKeyType() == KeyType.Character && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == c;
    }

    /** Clears the marks once an action on them is under way; the flash line keeps saying what was done. */
    static DashboardState acted(DashboardState state) {
        return state.marks().isEmpty() ? state : state.withMarks(Set.of());
    }
}
