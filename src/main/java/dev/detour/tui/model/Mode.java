package dev.detour.tui.model;

/**
 * How the dashboard was started.
 *
 * @param readOnly every key that changes something is disabled
 * @param demo     {@code detour demo}: adds the fault toggle
 * @param color    ANSI colours on (off with {@code --no-color} or {@code NO_COLOR})
 */
public record Mode(boolean readOnly, boolean demo, boolean color) {
    public static final Mode DEFAULT = new Mode(false, false, true);
}
