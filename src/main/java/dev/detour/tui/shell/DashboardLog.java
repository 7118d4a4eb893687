package dev.detour.tui.shell;

import dev.detour.config.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The dashboard's error log ({@code STATE/dashboard.log}): while the screen is up nothing may go to stderr. */
public final class DashboardLog {
    private final Path file;

    public DashboardLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void error(String what, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        write(Instant.now() + " ERROR " + what + ": " + e + "\n" + trace);
    }

    public synchronized void info(String line) {
        write(Instant.now() + " " + line + "\n");
    }

    private void write(String text) {
        try {
            PrivateFiles.file(file);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is the last resort; there is nowhere left to report to while the screen is up
        }
    }
}
