package dev.detour.tui.model;


import java.util.List;

/** What covers the tables: a dialog, the help, the details view or the filter prompt. */
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
     * A yes/no question before a destructive action; Cancel has the focus until the user moves it.
     *
     * @param title    the dialog's title ("Restart bridge")
     * @param question names the targets and the literal effect
     * @param yesLabel the confirming button's words ("Restart")
     */
    record Confirm(String title, String question, String yesLabel, Effect onYes, boolean yesFocused) implements Overlay {
    }

    /** Full-screen details of a session or an upstream, scrolled by {@code top} lines. */
    record Details(Focus kind, String name, int top) implements Overlay {
    }

    /** The filter prompt; {@code before} is restored by Esc. */
    record Filtering(String before) implements Overlay {
    }
}
