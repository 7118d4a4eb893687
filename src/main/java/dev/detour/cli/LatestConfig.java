package dev.detour.cli;

import dev.detour.config.Config;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.LoadedConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config file's newest valid content, read again when the file changes; an invalid edit keeps the last good one. */
final class LatestConfig {
    private final Path file;
    private Config config;
    private long stamp;

    LatestConfig(LoadedConfig loaded) {
        this.file = loaded.file();
        this.config = loaded.config();
        this.stamp = stamp(file);
    }

    synchronized Config get() {
        long now = stamp(file);
        if (now != stamp) {
            stamp = now;
            try {
                config = ConfigLoader.load(file).config();
            } catch (ConfigException invalid) {
                // the bridges keep the last good config too
            }
        }
        return config;
    }

    private static long stamp(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
