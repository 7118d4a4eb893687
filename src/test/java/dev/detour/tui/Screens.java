package dev.detour.tui;

import dev.detour.tui.model.DashboardState;
import dev.detour.tui.view.Render;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders a state into a Lanterna virtual terminal and reads the screen back. */
public final class Screens implements AutoCloseable {
    public final DefaultVirtualTerminal terminal;
    public final TerminalScreen screen;

    public Screens(int columns, int rows) {
        try {
            terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String draw(DashboardState state) {
        try {
            screen.doResizeIfNecessary();
            TerminalSize size = screen.getTerminalSize();
            Render.render(state, screen.newTextGraphics(), size);
            screen.refresh();
            return text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            out.append(line(row)).append('\n');
        }
        return out.toString();
    }

    public String line(int row) {
        StringBuilder line = new StringBuilder();
        for (int col = 0; col < terminal.getTerminalSize().getColumns(); col++) {
            TextCharacter ch = terminal.getCharacter(col, row);
            line.append(ch == null ? " " : ch.getCharacterString());
        }
        return line.toString().replaceAll("\\s+$", "");
    }

    public TextCharacter at(int col, int row) {
        return terminal.getCharacter(col, row);
    }

    /** The row whose text contains {@code needle}, or -1. */
    public int rowOf(String needle) {
        for (int row = 0; row < terminal.getTerminalSize().getRows(); row++) {
            if (line(row).contains(needle)) {
                return row;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            screen.stopScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
