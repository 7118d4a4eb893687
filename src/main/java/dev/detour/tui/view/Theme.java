package dev.detour.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.TextColor.ANSI;
import com.googlecode.lanterna.graphics.TextGraphics;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * ANSI 16 colours only (they follow the user's palette and survive every tmux setup). Without colour, bold and
 * reverse video still mark the cursor, titles and focus; every state also has a word or a glyph.
 */
public final class Theme {
    private record Look(TextColor fg, TextColor bg, Set<SGR> sgr) {
    }

    private final Map<Style, Look> looks = new EnumMap<>(Style.class);
    private final boolean color;

    private Theme(boolean color) {
        this.color = color;
        for (Style s : Style.values()) {
            looks.put(s, color ? colored(s) : plain(s));
        }
    }

    public static final Theme COLOR = new Theme(true);
    public static final Theme PLAIN = new Theme(false);

    public static Theme of(boolean color) {
        return color ? COLOR : PLAIN;
    }

    public boolean color() {
        return color;
    }

    private static Look colored(Style s) {
        return switch (s) {
            case NORMAL -> look(ANSI.DEFAULT, ANSI.DEFAULT);
            case DIM -> look(ANSI.BLACK_BRIGHT, ANSI.DEFAULT);
            case BOLD, COLUMN_HEADER -> look(ANSI.DEFAULT, ANSI.DEFAULT, SGR.BOLD);
            case BRAND -> look(ANSI.CYAN, ANSI.DEFAULT, SGR.BOLD);
            case TITLE -> look(ANSI.DEFAULT, ANSI.DEFAULT, SGR.BOLD);
            case TITLE_FOCUSED -> look(ANSI.CYAN, ANSI.DEFAULT, SGR.BOLD);
            case CURSOR -> look(ANSI.BLACK, ANSI.CYAN);
            case OK, LIVE -> look(ANSI.GREEN, ANSI.DEFAULT);
            case WARN -> look(ANSI.YELLOW, ANSI.DEFAULT);
            case BAD -> look(ANSI.RED, ANSI.DEFAULT, SGR.BOLD);
            case ACCENT -> look(ANSI.CYAN, ANSI.DEFAULT);
            case MARK -> look(ANSI.YELLOW, ANSI.DEFAULT, SGR.BOLD);
            case KEY -> look(ANSI.CYAN, ANSI.DEFAULT, SGR.BOLD);
            case FLASH_INFO -> look(ANSI.GREEN, ANSI.DEFAULT);
            case FLASH_ERROR -> look(ANSI.RED, ANSI.DEFAULT, SGR.BOLD);
            case PAUSED -> look(ANSI.BLACK, ANSI.YELLOW, SGR.BOLD);
            case DIALOG -> look(ANSI.DEFAULT, ANSI.DEFAULT);
            case DIALOG_TITLE -> look(ANSI.CYAN, ANSI.DEFAULT, SGR.BOLD);
            case BUTTON -> look(ANSI.DEFAULT, ANSI.DEFAULT);
            case BUTTON_FOCUSED -> look(ANSI.BLACK, ANSI.CYAN, SGR.BOLD);
        };
    }

    private static Look plain(Style s) {
        return switch (s) {
            case BOLD, COLUMN_HEADER, BRAND, TITLE, TITLE_FOCUSED, BAD, MARK, KEY, FLASH_ERROR, DIALOG_TITLE ->
                    look(ANSI.DEFAULT, ANSI.DEFAULT, SGR.BOLD);
            case CURSOR, PAUSED, BUTTON_FOCUSED -> look(ANSI.DEFAULT, ANSI.DEFAULT, SGR.REVERSE);
            default -> look(ANSI.DEFAULT, ANSI.DEFAULT);
        };
    }

    private static Look look(TextColor fg, TextColor bg, SGR... sgr) {
        Set<SGR> set = EnumSet.noneOf(SGR.class);
        set.addAll(java.util.List.of(sgr));
        return new Look(fg, bg, set);
    }

    public void apply(TextGraphics g, Style style) {
        Look look = looks.get(style);
        g.setForegroundColor(look.fg());
        g.setBackgroundColor(look.bg());
        g.clearModifiers();
        if (!look.sgr().isEmpty()) {
            g.setModifiers(EnumSet.copyOf(look.sgr()));
        }
    }
}
