package dev.detour.tui;

/** An upstream's health as one word and one glyph (every glyph is one column wide). Ordered healthiest first. */
public enum UpstreamState {
    HEALTHY("●", "ok"),
    DEGRADED("▲", "degraded"),
    UNKNOWN("?", "unknown"),
    DOWN("✖", "down");

    private final String glyph;
    private final String word;

    UpstreamState(String glyph, String word) {
        this.glyph = glyph;
        this.word = word;
    }

    public String glyph() {
        return glyph;
    }

    public String word() {
        return word;
    }
}
