package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.tui.model.KeyBinding.Key;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one keymap: it decides what a key does in each view and dialog, and it builds the footer and the {@code ?}
 * help. Esc, Backspace and {@code q} all mean "back" in a view or a dialog (tmux delays Esc).
 */
public final class Keymap {
    private static final List<Key> BACK_KEYS = List.of(Key.of(KeyType.Escape), Key.of(KeyType.Backspace), Key.of('q'));
    private static final List<Key> UP_KEYS = List.of(Key.of('k'), Key.of(KeyType.ArrowUp));
    private static final List<Key> DOWN_KEYS = List.of(Key.of('j'), Key.of(KeyType.ArrowDown));

    public static final List<KeyBinding> BINDINGS = List.of(
            main(Action.UP, UP_KEYS, "k ↑", null, "move up", false),
            main(Action.DOWN, DOWN_KEYS, "j ↓", null, "move down", false),
            main(Action.PAGE_UP, List.of(Key.of(KeyType.PageUp)), "PgUp", null, "page up", false),
            main(Action.PAGE_DOWN, List.of(Key.of(KeyType.PageDown)), "PgDn", null, "page down", false),
            main(Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g Home", null, "first row", false),
            main(Action.BOTTOM, List.of(Key.of('G'), Key.of(KeyType.End)), "G End", null, "last row", false),
            main(Action.SWITCH_TABLE, List.of(Key.of(KeyType.Tab), Key.of(KeyType.ReverseTab)), "tab", "tab",
                    "switch between sessions and upstreams", false),
            main(Action.MARK, List.of(Key.of(' ')), "space", "mark", "mark or unmark the session", false),
            main(Action.MARK_ALL, List.of(Key.ctrl('a')), "ctrl-a", null, "mark every visible session", false),
            main(Action.CLEAR_MARKS, List.of(Key.of('u')), "u", null, "clear the marks", false),
            main(Action.CLEAR, List.of(Key.of(KeyType.Escape), Key.of(KeyType.Backspace)), "esc", null,
                    "clear the filter, then the marks", false),
            main(Action.APPLY_ADVICE, List.of(Key.of('a')), "a", "apply advice",
                    "apply the advice's move (asks first, names the sessions and the target's health)", true),
            main(Action.ADVICE, List.of(Key.of('A')), "A", null, "every advice line whole, with its detour command", false),
            main(Action.REROUTE, List.of(Key.of('r')), "r", "reroute",
                    "reroute marked sessions (else the cursor's) to an upstream you pick", true),
            main(Action.FLIP_FAMILY, List.of(Key.of('f')), "f", "family", "flip the model family (anthropic ⇄ openai)", true),
            main(Action.RESTART, List.of(Key.of('b')), "b", "restart", "restart the bridge (asks first)", true),
            main(Action.START_STOP, List.of(Key.of('s')), "s", "start/stop", "start a stopped bridge, stop a running one (asks first)", true),
            main(Action.UNDO, List.of(Key.of('U')), "U", "undo", "undo the last route change", true),
            main(Action.DETAILS, List.of(Key.of(KeyType.Enter)), "enter", "details",
                    "details: a session's requests and agents, an upstream's probes and incident", false),
            main(Action.EVENTS, List.of(Key.of('v')), "v", "events", "every event: scroll, filter, breaker trials folded", false),
            main(Action.TEAM, List.of(Key.of('T')), "T", null,
                    "team mode: the team pane (boxes, their sessions, overrides, the team view's age)", false),
            main(Action.COPY_ENV, List.of(Key.of('c')), "c", null, "copy the session's detour env line to the clipboard", false),
            main(Action.FILTER, List.of(Key.of('/')), "/", "filter", "filter sessions by name or upstream", false),
            main(Action.PAUSE, List.of(Key.of('p')), "p", "pause", "pause or resume live updates", false),
            main(Action.REFRESH, List.of(Key.ctrl('r')), "ctrl-r", null, "refresh now", false),
            main(Action.REDRAW, List.of(Key.ctrl('l')), "ctrl-l", null, "redraw the screen", false),
            main(Action.EDIT, List.of(Key.of('e')), "e", "edit", "edit the config in $EDITOR (checked on return)", true),
            new KeyBinding(Context.MAIN, Action.FAULT, List.of(Key.of('x')), "x", "fault",
                    "demo: toggle a fault (529) on the selected upstream", false, true),
            main(Action.HELP, List.of(Key.of('?')), "?", "help", "this help", false),
            main(Action.QUIT, List.of(Key.of('q'), Key.ctrl('c')), "q ctrl-c", "quit",
                    "quit (bridges keep running); q and Esc also close a view or dialog", false),

            in(Context.DETAILS, Action.UP, UP_KEYS, "j/k", null, "scroll"),
            in(Context.DETAILS, Action.DOWN, DOWN_KEYS, "j/k", "scroll", "scroll"),
            in(Context.DETAILS, Action.PAGE_UP, List.of(Key.of(KeyType.PageUp)), "PgUp", null, "page up"),
            in(Context.DETAILS, Action.PAGE_DOWN, List.of(Key.of(KeyType.PageDown), Key.of(' ')), "PgDn", null, "page down"),
            in(Context.DETAILS, Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g", null, "top"),
            in(Context.DETAILS, Action.LOG, List.of(Key.of('l')), "l", "log", "a session's bridge log tail"),
            in(Context.DETAILS, Action.BACK, BACK_KEYS, "q esc", "back", "back"),

            in(Context.PICKER, Action.UP, UP_KEYS, "k", null, "previous"),
            in(Context.PICKER, Action.DOWN, DOWN_KEYS, "j/k", "choose", "next"),
            in(Context.PICKER, Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g", null, "first"),
            in(Context.PICKER, Action.BOTTOM, List.of(Key.of('G'), Key.of(KeyType.End)), "G", null, "last"),
            in(Context.PICKER, Action.CHOOSE, List.of(Key.of(KeyType.Enter)), "enter", "reroute", "reroute to it"),
            in(Context.PICKER, Action.BACK, BACK_KEYS, "esc q", "cancel", "cancel"),

            in(Context.CONFIRM, Action.CONFIRM, List.of(Key.of('y'), Key.of('Y')), "y", "confirm", "yes"),
            in(Context.CONFIRM, Action.DECLINE, List.of(Key.of('n'), Key.of('N'), Key.of(KeyType.Escape),
                    Key.of(KeyType.Backspace), Key.of('q')), "n esc q", "cancel", "no"),
            in(Context.CONFIRM, Action.CHOOSE, List.of(Key.of(KeyType.Enter)), "enter", null, "the focused button"),
            in(Context.CONFIRM, Action.SWITCH_BUTTON, List.of(Key.of(KeyType.Tab), Key.of(KeyType.ReverseTab),
                    Key.of(KeyType.ArrowLeft), Key.of(KeyType.ArrowRight), Key.of('h'), Key.of('l')), "tab", "switch button",
                    "switch button"),

            in(Context.HELP, Action.UP, UP_KEYS, "j/k", null, "scroll"),
            in(Context.HELP, Action.DOWN, DOWN_KEYS, "j/k PgUp/PgDn", "scroll", "scroll"),
            in(Context.HELP, Action.PAGE_UP, List.of(Key.of(KeyType.PageUp)), "PgUp", null, "page up"),
            in(Context.HELP, Action.PAGE_DOWN, List.of(Key.of(KeyType.PageDown), Key.of(' ')), "PgDn", null, "page down"),
            in(Context.HELP, Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g", null, "top"),
            in(Context.HELP, Action.BACK, List.of(Key.of(KeyType.Escape), Key.of(KeyType.Backspace), Key.of('q'), Key.of('?')),
                    "q esc ?", "close", "close"),

            in(Context.FILTER, Action.KEEP, List.of(Key.of(KeyType.Enter)), "enter", "keep", "keep the filter"),
            in(Context.FILTER, Action.BACK, List.of(Key.of(KeyType.Escape)), "esc", "undo filter", "put the filter back"),
            in(Context.FILTER, Action.ERASE, List.of(Key.of(KeyType.Backspace)), "backspace", "erase", "erase a character"),
            in(Context.FILTER, Action.UP, List.of(Key.of(KeyType.ArrowUp)), "↑", null, "move up"),
            in(Context.FILTER, Action.DOWN, List.of(Key.of(KeyType.ArrowDown)), "↓", null, "move down"),

            in(Context.EVENTS, Action.UP, UP_KEYS, "k", null, "newer"),
            in(Context.EVENTS, Action.DOWN, DOWN_KEYS, "j/k", "scroll", "older"),
            in(Context.EVENTS, Action.PAGE_UP, List.of(Key.of(KeyType.PageUp)), "PgUp", null, "page up"),
            in(Context.EVENTS, Action.PAGE_DOWN, List.of(Key.of(KeyType.PageDown), Key.of(' ')), "PgDn", null, "page down"),
            in(Context.EVENTS, Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g", null, "newest"),
            in(Context.EVENTS, Action.BOTTOM, List.of(Key.of('G'), Key.of(KeyType.End)), "G", null, "oldest"),
            in(Context.EVENTS, Action.FILTER, List.of(Key.of('/')), "/", "filter", "filter by session, upstream or kind"),
            in(Context.EVENTS, Action.BACK, BACK_KEYS, "q esc", "back", "back"),

            in(Context.EVENTS_FILTER, Action.KEEP, List.of(Key.of(KeyType.Enter)), "enter", "keep", "keep the filter"),
            in(Context.EVENTS_FILTER, Action.BACK, List.of(Key.of(KeyType.Escape)), "esc", "clear", "clear the filter"),
            in(Context.EVENTS_FILTER, Action.ERASE, List.of(Key.of(KeyType.Backspace)), "backspace", "erase", "erase a character"),

            in(Context.ADVICE, Action.UP, UP_KEYS, "k", null, "previous"),
            in(Context.ADVICE, Action.DOWN, DOWN_KEYS, "j/k", "choose", "next"),
            in(Context.ADVICE, Action.APPLY_ADVICE, List.of(Key.of('a'), Key.of(KeyType.Enter)), "a enter", "apply",
                    "apply the selected advice (asks first)"),
            in(Context.ADVICE, Action.BACK, BACK_KEYS, "q esc", "back", "back"),

            in(Context.TEAM, Action.UP, UP_KEYS, "k", null, "scroll up"),
            in(Context.TEAM, Action.DOWN, DOWN_KEYS, "j/k", "scroll", "scroll down"),
            in(Context.TEAM, Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g", null, "top"),
            in(Context.TEAM, Action.REFRESH, List.of(Key.ctrl('r')), "ctrl-r", null, "read the team now"),
            in(Context.TEAM, Action.BACK, BACK_KEYS, "q esc", "back", "back"),

            in(Context.SCOPE, Action.SWITCH_BUTTON, List.of(Key.of(KeyType.Tab), Key.of(KeyType.ReverseTab),
                    Key.of(KeyType.ArrowUp), Key.of(KeyType.ArrowDown), Key.of('j'), Key.of('k')), "j/k", "switch",
                    "this box or the whole team"),
            in(Context.SCOPE, Action.CHOOSE, List.of(Key.of(KeyType.Enter)), "enter", "reroute", "reroute there"),
            in(Context.SCOPE, Action.BACK, BACK_KEYS, "esc q", "cancel", "cancel"));

    /** The main screen's actions that also work in the details view (on its session or upstream). */
    private static final Set<Action> IN_DETAILS = Set.of(Action.REROUTE, Action.FLIP_FAMILY, Action.RESTART,
            Action.START_STOP, Action.FAULT, Action.UNDO, Action.REFRESH, Action.REDRAW, Action.PAUSE, Action.HELP,
            Action.EDIT, Action.COPY_ENV, Action.APPLY_ADVICE);

    private Keymap() {
    }

    private static KeyBinding main(Action action, List<Key> keys, String label, String hint, String description,
                                   boolean mutates) {
        return new KeyBinding(Context.MAIN, action, keys, label, hint, description, mutates, false);
    }

    private static KeyBinding in(Context context, Action action, List<Key> keys, String label, String hint,
                                 String description) {
        return new KeyBinding(context, action, keys, label, hint, description, false, false);
    }

    /** What {@code stroke} does in {@code context}; the details view also takes some of the main screen's keys. */
    public static Optional<KeyBinding> lookup(Context context, KeyStroke stroke, boolean demo) {
        return of(context, demo).stream().filter(b -> b.matches(stroke)).findFirst();
    }

    /** The bindings of a context, in keymap order (the details view's own first). */
    public static List<KeyBinding> of(Context context, boolean demo) {
        List<KeyBinding> bindings = new ArrayList<>();
        for (KeyBinding b : BINDINGS) {
            if (b.context() == context && (demo || !b.demoOnly())) {
                bindings.add(b);
            }
        }
        if (context == Context.DETAILS) {
            for (KeyBinding b : BINDINGS) {
                if (b.context() == Context.MAIN && IN_DETAILS.contains(b.action()) && (demo || !b.demoOnly())) {
                    bindings.add(b);
                }
            }
        }
        return bindings;
    }

    /** Where keys are read while {@code overlay} is shown (null: the main screen). */
    public static Context contextOf(Overlay overlay) {
        if (overlay instanceof Overlay.Picker) {
            return Context.PICKER;
        }
        if (overlay instanceof Overlay.Confirm) {
            return Context.CONFIRM;
        }
        if (overlay instanceof Overlay.Help) {
            return Context.HELP;
        }
        if (overlay instanceof Overlay.Filtering) {
            return Context.FILTER;
        }
        if (overlay instanceof Overlay.Details) {
            return Context.DETAILS;
        }
        if (overlay instanceof Overlay.Events e) {
            return e.typing() ? Context.EVENTS_FILTER : Context.EVENTS;
        }
        if (overlay instanceof Overlay.AdviceList) {
            return Context.ADVICE;
        }
        if (overlay instanceof Overlay.Team) {
            return Context.TEAM;
        }
        if (overlay instanceof Overlay.Scope) {
            return Context.SCOPE;
        }
        return Context.MAIN;
    }

    /** The main screen's bindings available in this mode, in keymap order. */
    public static List<KeyBinding> available(boolean demo, boolean readOnly) {
        return of(Context.MAIN, demo).stream().filter(b -> !(readOnly && b.mutates())).toList();
    }
}
