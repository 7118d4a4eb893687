package dev.detour.team;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code --for} values: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m}. */
public final class Durations {
    public static final Duration DEFAULT_OVERRIDE = Duration.ofHours(2);
    public static final Duration MAX_OVERRIDE = Duration.ofHours(24);
    private static final Pattern TEXT = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text.trim());
        if (m == null || text.isBlank() || !m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: expected e.g. 90s, 30m, 2h or 1h30m");
        }
        Duration d = Duration.ofHours(group(m, 1)).plusMinutes(group(m, 2)).plusSeconds(group(m, 3));
        if (d.isZero() || d.compareTo(MAX_OVERRIDE) > 0) {
            throw new IllegalArgumentException("\"" + text + "\": a team override lasts between 1 s and 24 h");
        }
        return d;
    }

    private static long group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
    }

    /** "1h 59m", "4m 10s", "12s". */
    public static String words(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m " + s % 60 + "s";
        }
        return s + "s";
    }
}
