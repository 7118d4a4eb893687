package dev.detour.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The annotated {@code config/detour.toml} that ships in the jar, and the first-run copy of it. */
public final class ShippedConfig {
    static final String RESOURCE = "/dev/detour/config/detour.toml";

    private ShippedConfig() {
    }

    public static String text() {
        try (InputStream in = ShippedConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + RESOURCE + "; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the shipped config to {@code file} when there is none (mode 0600, new folders 0700).
     *
     * @return true when the file was created now
     */
    public static boolean installIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            ConfigWriter.create(file, text());
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
    }
}
