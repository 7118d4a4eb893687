package dev.detour.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The bridge's log file ({@code STATE/bridges/SESSION.log}): one line per event, credentials redacted. A log that has
 * grown past {@link #ROTATE_BYTES} when a bridge starts is kept as {@code SESSION.log.1} (replacing an older one).
 */
public final class BridgeLog implements AutoCloseable {
    static final long ROTATE_BYTES = 8L * 1024 * 1024;
    private final OutputStream out;
    private final Redactor redactor;
    private volatile Second second = new Second(Long.MIN_VALUE, "");

    /** The text of one second ({@code 2026-11-30T20:38:40}): formatted once, not for every line. */
    private record Second(long epochSecond, String text) {
    }

    public BridgeLog(Path file, Redactor redactor) throws IOException {
        this.redactor = redactor;
        if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public void line(String message) {
        String line = timestamp(Instant.now()) + " " + redactor.redact(message) + "\n";
        synchronized (out) {
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                System.err.println("detour bridge: cannot write the log: " + e.getMessage());
            }
        }
    }

    /** The instant as {@link Instant#toString()} writes it to the millisecond ({@code ...T20:38:40.120Z}, {@code ...:40Z}). */
    String timestamp(Instant now) {
        Second current = second;
        if (current.epochSecond() != now.getEpochSecond()) {
            String text = Instant.ofEpochSecond(now.getEpochSecond()).toString();
            current = new Second(now.getEpochSecond(), text.substring(0, text.length() - 1));
            second = current;
        }
        int millis = now.getNano() / 1_000_000;
        if (millis == 0) {
            return current.text() + "Z";
        }
        return current.text() + (millis < 10 ? ".00" : millis < 100 ? ".0" : ".") + millis + "Z";
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
