package dev.detour.config;

import java.nio.file.Path;

/** A config that cannot be used: names the file, the line (0 when unknown) and the key, and says what was expected. */
public class ConfigException extends Exception {
    private final Path file;
    private final int line;
    private final String key;
    private final String reason;

    public ConfigException(Path file, int line, String key, String message) {
        super(format(file, line, key, message));
        this.file = file;
        this.line = line;
        this.key = key;
        this.reason = message;
    }

    private static String format(Path file, int line, String key, String message) {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(':').append(line);
        }
        if (key != null && !key.isEmpty()) {
            where.append(": ").append(key);
        }
        return where + ": " + message;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }

    /** What is wrong, without the file, line and key. */
    public String reason() {
        return reason;
    }
}
