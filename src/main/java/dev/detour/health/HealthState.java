package dev.detour.health;

import com.fasterxml.jackson.annotation.JsonValue;

/** An upstream's state as shown to users: always a word and a one-column glyph, never colour alone. */
public enum HealthState {
    HEALTHY("healthy", "●", "o"),
    DEGRADED("degraded", "▲", "^"),
    DOWN("down", "✖", "x"),
    UNKNOWN("unknown", "?", "?");

    private final String word;
    private final String glyph;
    private final String asciiGlyph;

    HealthState(String word, String glyph, String asciiGlyph) {
        this.word = word;
        this.glyph = glyph;
        this.asciiGlyph = asciiGlyph;
    }

    @JsonValue
    public String word() {
        return word;
    }

    public String glyph() {
        return glyph;
    }

    /** For output whose charset cannot show {@link #glyph()}. */
    public String asciiGlyph() {
        return asciiGlyph;
    }
}
