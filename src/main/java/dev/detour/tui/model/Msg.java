package dev.detour.tui.model;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;

import java.time.Instant;

/** Every input of the dashboard; {@link Update} turns each into the next state and the effects to carry out. */
public sealed interface Msg {
    /** A key the user pressed, at {@code at}. */
    record Key(KeyStroke key, Instant at) implements Msg {
    }

    /** The pollers published a newer snapshot. */
    record Polled(Snapshot snapshot) implements Msg {
    }

    /** An effect finished, at {@code at}. */
    record Done(Outcome outcome, Instant at) implements Msg {
    }

    /** Time passed (the clock, ages, the flash line's expiry). */
    record Tick(Instant now) implements Msg {
    }

    /** The terminal has a new size. */
    record Resize(TerminalSize size) implements Msg {
    }
}
