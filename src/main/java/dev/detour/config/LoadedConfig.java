package dev.detour.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A config as read from disk: the model, the exact text it came from (the writer edits that text) and the
 * warnings found while reading (unknown keys, unsafe permissions).
 */
public record LoadedConfig(Path file, Config config, String text, List<String> warnings) {
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
