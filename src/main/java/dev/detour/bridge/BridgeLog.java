package dev.detour.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The bridge's log file ({@code STATE/bridges/SESSION.log}): one line per event, credentials redacted. A log that has
 * grown past {@link #ROTATE_BYTES} when a bridge starts is kept as {@code SESSION.log.1} (replacing an older one).
 */
public final class BridgeLog implements AutoCloseable {
    static final long ROTATE_BYTES = 8L * 1024 * 1024;
    private final OutputStream out;
    private final Redactor redactor;

    public BridgeLog(Path file, Redactor redactor) throws IOException {
        this.redactor = redactor;
        if (Files.exists(file) && Files.size(file) > ROTATE_BYTES) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public void line(String message) {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + redactor.redact(message) + "\n";
        synchronized (out) {
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                System.err.println("detour bridge: cannot write the log: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (out) {
            out.close();
        }
    }
}
