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
 */
public record Mode(boolean readOnly, boolean demo, boolean color, boolean unicode, String home, ZoneId zone) {
    public static final Mode DEFAULT = new Mode(false, false, true);

    public Mode(boolean readOnly, boolean demo, boolean color) {
        this(readOnly, demo, color, true, null, ZoneId.of("UTC"));
    }
}
