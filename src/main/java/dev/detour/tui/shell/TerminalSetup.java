package dev.detour.tui.shell;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixTerminal;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The terminal setup that works over SSH and in tmux: always a text terminal (a {@code UnixTerminal} built directly,
 * so never a Swing window even with {@code DISPLAY} set), UTF-8 whatever the locale, a buffered stdout flushed once
 * per frame, Ctrl-C delivered as a key, and a short input timeout so that arrow keys split across packets still
 * decode.
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

    /**
     * @param mouse ask the terminal for click and wheel reports (SGR form) while the screen is up; the terminal's own
     *              text selection then needs Shift (the help says so)
     */
    public static TerminalScreen open(boolean mouse) throws IOException {
        FrameOutput out = new FrameOutput(new FileOutputStream(FileDescriptor.out));
        UnixTerminal terminal = new UnixTerminal(System.in, out, StandardCharsets.UTF_8, UnixLikeTerminal.CtrlCBehaviour.TRAP) {
            @Override
            public void enterPrivateMode() throws IOException {
                super.enterPrivateMode();
                if (mouse) {
                    out.write(SgrMouse.ENABLE.getBytes(StandardCharsets.US_ASCII));
                }
            }

            @Override
            public void exitPrivateMode() throws IOException {
                if (mouse) {
                    out.write(SgrMouse.DISABLE.getBytes(StandardCharsets.US_ASCII));
                }
                super.exitPrivateMode();
            }

            /**
             * Lanterna asks the terminal where the cursor lands at (5000, 5000) and waits up to 5 s for the answer,
             * without flushing: with a buffered stdout the question would never leave (a 5 s start, and 5 s per
             * resize). While it asks, every write goes out at once.
             */
            @Override
            protected TerminalSize findTerminalSize() throws IOException {
                out.immediate = true;
                try {
                    flush();
                    return super.findTerminalSize();
                } finally {
                    out.immediate = false;
                }
            }
        };
        terminal.getInputDecoder().setTimeoutUnits(1);
        terminal.getInputDecoder().addProfile(SgrMouse.PROFILE);
        TerminalScreen screen = new TerminalScreen(terminal);
        screen.startScreen();
        screen.setCursorPosition(null);
        return screen;
    }

    /** Stdout buffered for a whole frame ({@code System.out} would flush on every escape sequence). */
    static final class FrameOutput extends BufferedOutputStream {
        volatile boolean immediate;

        FrameOutput(OutputStream out) {
            super(out, 1 << 16);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            super.write(b);
            if (immediate) {
                flush();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            if (immediate) {
                flush();
            }
        }
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
