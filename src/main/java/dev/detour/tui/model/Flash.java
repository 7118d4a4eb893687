package dev.detour.tui.model;

import java.time.Duration;
import java.time.Instant;

/** The one-line message under the tables: results for about 3 s, errors for about 6 s. */
public record Flash(String text, boolean error, Instant until) {
    public static final Duration INFO_TIME = Duration.ofSeconds(3);
    public static final Duration ERROR_TIME = Duration.ofSeconds(6);

    public static Flash info(String text, Instant now) {
        return new Flash(text, false, now.plus(INFO_TIME));
    }

    public static Flash error(String text, Instant now) {
        return new Flash(text, true, now.plus(ERROR_TIME));
    }

    public boolean shownAt(Instant now) {
        return now.isBefore(until);
    }
}
