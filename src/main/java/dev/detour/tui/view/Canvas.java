package dev.detour.tui.view;

import com.googlecode.lanterna.graphics.TextGraphics;

import java.util.List;

/** Draws styled text on a Lanterna {@link TextGraphics}, clipped to given widths. */
final class Canvas {
    final TextGraphics g;
    final Theme theme;
    final int width;
    final int height;
    private final boolean unicode;

    /** @param unicode the locale is UTF-8; otherwise every symbol is drawn as its one-column ASCII stand-in */
    Canvas(TextGraphics g, Theme theme, int width, int height, boolean unicode) {
        this.g = g;
        this.theme = theme;
        this.width = width;
        this.height = height;
        this.unicode = unicode;
    }

    private String out(String text) {
        return unicode ? text : Ascii.of(text);
    }

    void fill(int col, int row, int w, Style style) {
        if (w <= 0 || row < 0 || row >= height) {
            return;
        }
        theme.apply(g, style);
        g.putString(col, row, " ".repeat(w));
    }

    /** Writes {@code text} cut to {@code max} columns; returns the column after it. */
    int put(int col, int row, String text, Style style, int max) {
        if (max <= 0 || row < 0 || row >= height) {
            return col;
        }
        String fitted = Text.fit(text, max);
        theme.apply(g, style);
        g.putString(col, row, out(fitted));
        return col + Text.width(fitted);
    }

    int put(int col, int row, String text, Style style) {
        return put(col, row, text, style, width - col);
    }

    /** Writes runs left to right within {@code max} columns; {@code override} replaces every run's style when set. */
    int segs(int col, int row, List<Seg> segs, int max, Style override) {
        int x = col;
        int end = col + max;
        for (int i = 0; i < segs.size() && x < end; i++) {
            Seg s = segs.get(i);
            int room = end - x;
            int w = Text.width(s.text());
            boolean last = i == segs.size() - 1;
            if (w > room || (!last && w == room && restWidth(segs, i + 1) > 0)) {
                x = put(x, row, Text.fit(s.text() + "…", room), override != null ? override : s.style(), room);
                break;
            }
            x = put(x, row, s.text(), override != null ? override : s.style(), room);
        }
        return x;
    }

    private static int restWidth(List<Seg> segs, int from) {
        return Seg.width(segs.subList(from, segs.size()));
    }

    /** Writes runs right-aligned so that they end at column {@code end}. */
    void segsRight(int end, int row, List<Seg> segs, Style override) {
        int w = Math.min(Seg.width(segs), end);
        segs(end - w, row, segs, w, override);
    }

    /** A box with a single-line border and a title; the inside is cleared. */
    void box(int col, int row, int w, int h, String title, Style border, Style titleStyle) {
        theme.apply(g, border);
        g.putString(col, row, out("┌" + "─".repeat(Math.max(0, w - 2)) + "┐"));
        for (int r = row + 1; r < row + h - 1; r++) {
            theme.apply(g, border);
            g.putString(col, r, out("│"));
            g.putString(col + w - 1, r, out("│"));
            fill(col + 1, r, w - 2, Style.DIALOG);
        }
        theme.apply(g, border);
        g.putString(col, row + h - 1, out("└" + "─".repeat(Math.max(0, w - 2)) + "┘"));
        if (title != null) {
            put(col + 2, row, " " + title + " ", titleStyle, w - 4);
        }
    }
}
