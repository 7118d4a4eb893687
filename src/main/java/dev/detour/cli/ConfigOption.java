package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

/** {@code --config FILE}, accepted by every command, and the lookup order behind it. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (default: $DETOUR_CONFIG, $XDG_CONFIG_HOME/detour/detour.toml, ~/.config/detour/detour.toml)")
    Path file;

    public Path resolve() {
        return DetourPaths.configFile(file, System.getenv());
    }

    public LoadedConfig load() throws ConfigException {
        return ConfigLoader.load(resolve());
    }
}
