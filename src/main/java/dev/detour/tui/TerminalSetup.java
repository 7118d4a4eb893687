package dev.detour.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The terminal setup that works over SSH and in tmux: always a text terminal (never a Swing window, even with
 * {@code DISPLAY} set), UTF-8 whatever the locale, a buffered stdout flushed once per frame, Ctrl-C delivered as a
 * key, and a short input timeout so that arrow keys split across packets still decode.
 */
public final class TerminalSetup {
    private TerminalSetup() {
    }

    /** Why the dashboard cannot start here, or null when there is a terminal. */
    public static String missingTerminal() {
        if (System.console() == null) {
            return "the dashboard needs a terminal (stdin and stdout are not one here); "
                    + "use `detour status` for a one-shot view, or run it in a terminal or tmux pane";
        }
        return null;
    }

    public static TerminalScreen open() throws IOException {
        DefaultTerminalFactory factory = new DefaultTerminalFactory(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), System.in, StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                .setInputTimeout(1);
        Terminal terminal = factory.createTerminal();
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        screen.setCursorPosition(null);
        return screen;
    }

    /** Leaves the alternate screen and gives the terminal its modes back; safe to call twice. */
    public static void close(TerminalScreen screen) {
        if (screen == null) {
            return;
        }
        try {
            screen.stopScreen();
        } catch (IOException | RuntimeException ignored) {
            // already stopped, or the tty is gone; closing the terminal below still restores the modes it can
        }
        try {
            screen.getTerminal().close();
        } catch (IOException | RuntimeException ignored) {
            // the tty is gone (SSH dropped): nothing left to restore
        }
    }
}
