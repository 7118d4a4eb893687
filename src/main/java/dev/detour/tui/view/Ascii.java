package dev.detour.tui.view;

/**
 * One-column ASCII stand-ins for the dashboard's symbols, for a terminal whose locale is not UTF-8 (where {@code →}
 * or {@code ●} would show as {@code ?} or garbage). Each keeps the width of what it replaces, so layouts hold.
 */
final class Ascii {
    private static final String FROM = "→›●▲✖○✓…─│┌┐└┘⇄↪×▏–↑↓·⚠⚡▁▂▃▄▅▆▇█";
    private static final String TO = ">>o^xo+~-|++++=>x|-^v.!!_.-:=+*#";

    private Ascii() {
    }

    static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            int at = FROM.indexOf(ch);
            char mapped = at >= 0 ? TO.charAt(at) : ch > 126 && Character.getType(ch) == Character.OTHER_SYMBOL ? '?' : ch;
            if (mapped != ch && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(mapped);
            }
        }
        return out == null ? text : out.toString();
    }
}
