package dev.detour.tui.model;

import java.time.ZoneId;

/**
 * How the dashboard was started, and what it knows of the terminal and the user; render reads these, not the system.
 *
 * @param readOnly every key that changes something is disabled
 * @param demo     {@code detour demo}: adds the fault toggle
 * @param color    ANSI colours on (off with {@code --no-color} or {@code NO_COLOR})
 * @param unicode  the locale is UTF-8: symbols such as {@code →} and {@code ●}; else their ASCII stand-ins
 * @param home     the user's home folder, shown as {@code ~}, or null
 * @param zone     the time zone of the clock and event times
 * @param mouse    the terminal reports clicks and the wheel (capture is on), so the help says how to select text
 * @param notice   a line shown inside the dashboard until it quits (the first run's "created the config"), or null
 */
public record Mode(boolean readOnly, boolean demo, boolean color, boolean unicode, String home, ZoneId zone,
                   boolean mouse, String notice) {
    public static final Mode DEFAULT = new Mode(false, false, true);

    public Mode(boolean readOnly, boolean demo, boolean color) {
        this(readOnly, demo, color, true, null, ZoneId.of("UTC"));
    }

    public Mode(boolean readOnly, boolean demo, boolean color, boolean unicode, String home, ZoneId zone) {
        this(readOnly, demo, color, unicode, home, zone, false, null);
    }

    public Mode withMouse(boolean value) {
        return new Mode(readOnly, demo, color, unicode, home, zone, value, notice);
    }

    public Mode withNotice(String value) {
        return new Mode(readOnly, demo, color, unicode, home, zone, mouse, value);
    }
}
