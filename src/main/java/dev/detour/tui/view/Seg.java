package dev.detour.tui.view;

import java.util.List;

/** A run of text in one style; a table cell or a line is a list of them. */
public record Seg(String text, Style style) {
    public static Seg of(String text) {
        return new Seg(text, Style.NORMAL);
    }

    public static Seg of(String text, Style style) {
        return new Seg(text, style);
    }

    public static int width(List<Seg> segs) {
        int w = 0;
        for (Seg s : segs) {
            w += Text.width(s.text());
        }
        return w;
    }
}
