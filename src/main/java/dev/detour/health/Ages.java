package dev.detour.health;

import java.time.Duration;

/** Durations in the words people use: {@code 40 s}, {@code 23 min}, {@code 3 h 5 min}, {@code 2 d}. */
public final class Ages {
    private Ages() {
    }

    public static String of(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        long h = min / 60;
        if (h < 24) {
            return h + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
        }
        return h / 24 + " d";
    }
}
