package dev.detour.tui.model;

import java.util.List;

/** What covers the tables: a dialog, the help, a full-screen view or the filter prompt. */
public sealed interface Overlay {
    /** The {@code ?} help, scrolled by {@code top} lines. */
    record Help(int top) implements Overlay {
    }

    /**
     * The reroute picker.
     *
     * @param sessions the sessions to reroute
     * @param options  upstream names, best choice first
     */
    record Picker(List<String> sessions, List<String> options, int cursor) implements Overlay {
        public Picker {
            sessions = List.copyOf(sessions);
            options = List.copyOf(options);
        }
    }

    /**
     * A yes/no question before a destructive or surprising action; Cancel has the focus until the user moves it.
     *
     * @param title    the dialog's title ("Restart bridge")
     * @param question names the targets and the literal effect
     * @param yesLabel the confirming button's words ("Restart")
     */
    record Confirm(String title, String question, String yesLabel, Effect onYes, boolean yesFocused) implements Overlay {
    }

    /**
     * Full-screen details of a session or an upstream, scrolled by {@code top} lines.
     *
     * @param log the session's bridge log tail when shown ({@code l}), else null
     */
    record Details(Focus kind, String name, int top, List<String> log) implements Overlay {
        public Details(Focus kind, String name, int top) {
            this(kind, name, top, null);
        }

        public Details {
            log = log == null ? null : List.copyOf(log);
        }
    }

    /** The filter prompt; {@code before} is restored by Esc. */
    record Filtering(String before) implements Overlay {
    }

    /**
     * The full-screen events view, newest first, scrolled by {@code top} lines.
     *
     * @param filter shows only events whose session, upstream or kind contain it
     * @param typing   the filter prompt has the keys
     * @param selected the line a click selected (an index into the folded, filtered lines), or -1
     */
    record Events(int top, String filter, boolean typing, int selected) implements Overlay {
        public Events(int top, String filter, boolean typing) {
            this(top, filter, typing, -1);
        }
    }

    /** The team pane (boxes seen, their sessions, active overrides, the team view's age), scrolled by {@code top} lines. */
    record Team(int top) implements Overlay {
    }

    /**
     * After the picker, in team mode: reroute on this box (the config) or on the whole team (an override).
     *
     * @param wholeTeam the focused choice
     */
    record Scope(List<String> sessions, String upstream, boolean wholeTeam) implements Overlay {
        public Scope {
            sessions = List.copyOf(sessions);
        }
    }

    /** Every advice line whole, with its command; {@code cursor} selects the one {@code a} applies. */
    record AdviceList(int cursor) implements Overlay {
    }
}
