package dev.detour.tui.shell;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Copies text to the user's clipboard with the OSC 52 escape sequence: the terminal emulator on the user's own
 * machine does the copying, so it works over SSH; inside tmux the sequence is wrapped to pass through to it.
 */
public final class Clipboard {
    private Clipboard() {
    }

    /** The escape sequence that asks the terminal to put {@code text} on the clipboard. */
    public static String sequence(String text, boolean tmux) {
        String osc = "\u001b]52;c;" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\u0007";
        return tmux ? "\u001bPtmux;" + osc.replace("\u001b", "\u001b\u001b") + "\u001b\\" : osc;
    }

    /** Writes the sequence straight to stdout, between frames (the screen's own buffer is flushed by then). */
    static void copy(PrintStream stdout, String text, boolean tmux) {
        stdout.write(sequence(text, tmux).getBytes(StandardCharsets.UTF_8), 0, sequence(text, tmux).getBytes(StandardCharsets.UTF_8).length);
        stdout.flush();
    }
}
