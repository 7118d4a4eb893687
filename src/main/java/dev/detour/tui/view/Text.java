package dev.detour.tui.view;

import com.googlecode.lanterna.TerminalTextUtils;

import java.time.Duration;
import java.time.Instant;

/** Text measuring and the short number formats of the tables. */
public final class Text {
    private Text() {
    }

    public static int width(String s) {
        return TerminalTextUtils.getColumnWidth(s);
    }

    /** Cuts {@code s} to {@code width} columns, ending in "…" when it was cut. */
    public static String fit(String s, int width) {
        if (width <= 0) {
            return "";
        }
        if (width(s) <= width) {
            return s;
        }
        return TerminalTextUtils.fitString(s, width - 1) + "…";
    }

    public static String pad(String s, int width) {
        String fitted = fit(s, width);
        return fitted + " ".repeat(Math.max(0, width - width(fitted)));
    }

    public static String padLeft(String s, int width) {
        String fitted = fit(s, width);
        return " ".repeat(Math.max(0, width - width(fitted))) + fitted;
    }

    /** "4s", "12m", "3h", "2d". */
    public static String age(Instant then, Instant now) {
        if (then == null) {
            return "–";
        }
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m";
        }
        if (s < 86400) {
            return (s / 3600) + "h";
        }
        return (s / 86400) + "d";
    }

    /** "180ms", "1.2s", "–". */
    public static String millis(Long ms) {
        if (ms == null) {
            return "–";
        }
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return (ms / 1000) + "s";
    }

    /** "0%", "12%", "100%", "–". */
    public static String percent(Double share) {
        if (share == null) {
            return "–";
        }
        return Math.round(share * 100) + "%";
    }
}
