package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.tui.model.KeyBinding.Key;

import java.util.List;
import java.util.Optional;

/** The one keymap: it decides what a key does, and it builds the footer and the {@code ?} help. */
public final class Keymap {
    public static final List<KeyBinding> BINDINGS = List.of(
            bind(Action.UP, List.of(Key.of('k'), Key.of(KeyType.ArrowUp)), "k ↑", null, "move up", false),
            bind(Action.DOWN, List.of(Key.of('j'), Key.of(KeyType.ArrowDown)), "j ↓", null, "move down", false),
            bind(Action.PAGE_UP, List.of(Key.of(KeyType.PageUp)), "PgUp", null, "page up", false),
            bind(Action.PAGE_DOWN, List.of(Key.of(KeyType.PageDown)), "PgDn", null, "page down", false),
            bind(Action.TOP, List.of(Key.of('g'), Key.of(KeyType.Home)), "g Home", null, "first row", false),
            bind(Action.BOTTOM, List.of(Key.of('G'), Key.of(KeyType.End)), "G End", null, "last row", false),
            bind(Action.SWITCH_TABLE, List.of(Key.of(KeyType.Tab), Key.of(KeyType.ReverseTab)), "tab", "tab",
                    "switch between sessions and upstreams", false),
            bind(Action.MARK, List.of(Key.of(' ')), "space", "mark", "mark or unmark the session", false),
            bind(Action.MARK_ALL, List.of(Key.ctrl('a')), "ctrl-a", null, "mark every visible session", false),
            bind(Action.CLEAR_MARKS, List.of(Key.of('u')), "u", null, "clear the marks", false),
            bind(Action.REROUTE, List.of(Key.of('r')), "r", "reroute",
                    "reroute marked sessions (else the cursor's) to an upstream you pick", true),
            bind(Action.FLIP_FAMILY, List.of(Key.of('f')), "f", "family", "flip the model family (anthropic ⇄ openai)", true),
            bind(Action.RESTART, List.of(Key.of('b')), "b", "restart", "restart the bridge (asks first)", true),
            bind(Action.START_STOP, List.of(Key.of('s')), "s", "start/stop", "start a stopped bridge, stop a running one (asks first)", true),
            bind(Action.UNDO, List.of(Key.of('U')), "U", "undo", "undo the last route change", true),
            bind(Action.DETAILS, List.of(Key.of(KeyType.Enter)), "enter", "details",
                    "details: a session's requests and agents, an upstream's probes and incident", false),
            bind(Action.FILTER, List.of(Key.of('/')), "/", "filter", "filter sessions by name or upstream", false),
            bind(Action.PAUSE, List.of(Key.of('p')), "p", "pause", "pause or resume live updates", false),
            bind(Action.REFRESH, List.of(Key.ctrl('r')), "ctrl-r", null, "refresh now", false),
            bind(Action.REDRAW, List.of(Key.ctrl('l')), "ctrl-l", null, "redraw the screen", false),
            bind(Action.EDIT, List.of(Key.of('e')), "e", "edit", "edit the config in $EDITOR (checked on return)", true),
            new KeyBinding(Action.FAULT, List.of(Key.of('x')), "x", "fault",
                    "demo: toggle a fault (529) on the selected upstream", false, true),
            bind(Action.HELP, List.of(Key.of('?')), "?", "help", "this help", false),
            bind(Action.QUIT, List.of(Key.of('q'), Key.ctrl('c')), "q ctrl-c", "quit",
                    "quit (bridges keep running); q and Esc also close a dialog", false));

    private Keymap() {
    }

    private static KeyBinding bind(Action action, List<Key> keys, String label, String hint, String description,
                                   boolean mutates) {
        return new KeyBinding(action, keys, label, hint, description, mutates, false);
    }

    public static Optional<KeyBinding> lookup(KeyStroke stroke, boolean demo) {
        return BINDINGS.stream().filter(b -> (demo || !b.demoOnly()) && b.matches(stroke)).findFirst();
    }

    /** The bindings available in this mode, in keymap order. */
    public static List<KeyBinding> available(boolean demo, boolean readOnly) {
        return BINDINGS.stream().filter(b -> (demo || !b.demoOnly()) && !(readOnly && b.mutates())).toList();
    }
}
