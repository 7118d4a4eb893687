package dev.detour.health;

/**
 * One line of {@code detour doctor}.
 *
 * @param check what was checked: {@code config}, {@code state}, {@code key}, {@code ladder}, {@code edge},
 *              {@code agents}, {@code tmux}
 * @param ok    whether it is fine; a finding that is not ok makes doctor exit 1
 * @param text  what was found, and for a problem what to do about it
 */
public record Finding(String check, boolean ok, String text) {
    public static Finding ok(String check, String text) {
        return new Finding(check, true, text);
    }

    public static Finding problem(String check, String text) {
        return new Finding(check, false, text);
    }
}
