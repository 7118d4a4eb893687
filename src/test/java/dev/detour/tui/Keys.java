package dev.detour.tui;

import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Step;
import dev.detour.tui.model.Update;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Key strokes as a terminal delivers them. */
public final class Keys {
    private Keys() {
    }

    public static KeyStroke ch(char c) {
        return new KeyStroke(c, false, false);
    }

    public static KeyStroke ctrl(char c) {
        return new KeyStroke(c, true, false);
    }

    public static KeyStroke key(KeyType type) {
        return new KeyStroke(type);
    }

    /** Feeds keys one after another, collecting the last step. */
    public static Step press(DashboardState state, KeyStroke... keys) {
        Step step = Step.of(state);
        for (KeyStroke k : keys) {
            step = Update.apply(step.state(), k);
        }
        return step;
    }
}
