package dev.detour.tui.shell;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.KeyDecodingProfile;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mouse reports in the SGR form ({@code ESC [ < button ; column ; row M}, {@code m} on release; mode 1006), which
 * Lanterna 3.1.3 does not decode: it knows only the older X10 form, whose one-byte coordinates stop at column 223
 * and turn into broken UTF-8 past column 95. Written here because no small library decodes terminal input for
 * Lanterna; it is one pattern plus the switch that says whether to ask the terminal for reports at all.
 */
public final class SgrMouse implements CharacterPattern {
    /** Turns on click and wheel reports (no motion: a drag stays the terminal's own), in the SGR form. */
    public static final String ENABLE = "\033[?1000h\033[?1006h";
    public static final String DISABLE = "\033[?1006l\033[?1000l";
    public static final KeyDecodingProfile PROFILE = () -> List.of(new SgrMouse());

    private static final char ESC = '\033';
    private static final int MAX_NUMBER = 100_000;
    private static final Set<String> WITHOUT_MOUSE = Set.of("", "dumb", "linux", "vt100", "vt102", "vt220", "cons25");

    /**
     * Whether to ask the terminal for mouse reports: not when {@code DETOUR_NO_MOUSE} is set (any value), nor on a
     * terminal type that has no xterm-style mouse (Lanterna never reads {@code TERM}, so this does).
     */
    public static boolean wanted(Map<String, String> env) {
        String off = env.get("DETOUR_NO_MOUSE");
        if (off != null && !off.isEmpty()) {
            return false;
        }
        String term = env.getOrDefault("TERM", "");
        return !WITHOUT_MOUSE.contains(term);
    }

    @Override
    public Matching match(List<Character> seq) {
        int n = seq.size();
        if (n >= 1 && seq.get(0) != ESC || n >= 2 && seq.get(1) != '[' || n >= 3 && seq.get(2) != '<') {
            return null;
        }
        int[] numbers = new int[3];
        int field = 0;
        boolean digits = false;
        for (int i = 3; i < n; i++) {
            char c = seq.get(i);
            if (c >= '0' && c <= '9') {
                numbers[field] = numbers[field] * 10 + (c - '0');
                if (numbers[field] > MAX_NUMBER) {
                    return null;
                }
                digits = true;
            } else if (c == ';' && digits && field < 2) {
                field++;
                digits = false;
            } else if ((c == 'M' || c == 'm') && i == n - 1 && digits && field == 2) {
                return new Matching(action(numbers[0], numbers[1] - 1, numbers[2] - 1, c == 'm'));
            } else {
                return null;
            }
        }
        return Matching.NOT_YET;
    }

    /** The report as Lanterna's mouse action, with a 0-based position (the terminal counts from 1). */
    static MouseAction action(int code, int column, int row, boolean released) {
        TerminalPosition at = new TerminalPosition(Math.max(0, column), Math.max(0, row));
        if ((code & 64) != 0) {
            boolean up = (code & 1) == 0;
            return new MouseAction(up ? MouseActionType.SCROLL_UP : MouseActionType.SCROLL_DOWN, up ? 4 : 5, at);
        }
        int button = (code & 3) + 1;
        if (released) {
            return new MouseAction(MouseActionType.CLICK_RELEASE, button, at);
        }
        return new MouseAction((code & 32) != 0 ? MouseActionType.DRAG : MouseActionType.CLICK_DOWN, button, at);
    }
}
