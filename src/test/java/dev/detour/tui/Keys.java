package dev.detour.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Key strokes as a terminal delivers them. */
final class Keys {
    private Keys() {
    }

    static KeyStroke ch(char c) {
        return new KeyStroke(c, false, false);
    }

    static KeyStroke ctrl(char c) {
        return new KeyStroke(c, true, false);
    }

    static KeyStroke key(KeyType type) {
        return new KeyStroke(type);
    }

    /** Feeds keys one after another, collecting the last step. */
    static Step press(DashboardState state, KeyStroke... keys) {
        Step step = Step.of(state);
        for (KeyStroke k : keys) {
            step = Update.apply(step.state(), k);
        }
        return step;
    }
}
