package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.ShippedConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --config FILE}, accepted by every command, and the lookup order behind it. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Config file (default: $DETOUR_CONFIG, $XDG_CONFIG_HOME/detour/detour.toml, ~/.config/detour/detour.toml)")
    Path file;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private PrintWriter err;
    private Path createdPath;

    /** The option as the quick start read it ({@link QuickStart}): {@code file} is null when not given. */
    static ConfigOption of(Path file, PrintWriter err) {
        ConfigOption option = new ConfigOption();
        option.file = file;
        option.err = err;
        return option;
    }

    public Path resolve() {
        return DetourPaths.configFile(file, System.getenv());
    }

    /**
     * Loads the config, printing its warnings on stderr ({@code detour: warning: ...}). On first run, when no
     * {@code --config} was given and the looked-up file does not exist, the annotated default config is copied
     * there first (a missing {@code --config FILE} is an error: it is more likely a typo than a wish).
     */
    public LoadedConfig load() throws ConfigException {
        Path path = resolve();
        if (file == null && !Files.exists(path)) {
            try {
                if (ShippedConfig.installIfMissing(path)) {
                    createdPath = path;
                    err().println("detour: created " + path + " from the annotated default config; edit it to add upstreams and sessions");
                }
            } catch (IOException e) {
                throw new ConfigException(path, 0, null, "no config yet, and the default could not be created: " + e.getMessage());
            }
        }
        LoadedConfig loaded = ConfigLoader.load(path);
        PrintWriter err = err();
        for (String warning : loaded.warnings()) {
            err.println("detour: warning: " + warning);
        }
        err.flush();
        return loaded;
    }

    /** The config file {@link #load()} created on first run (the dashboard says so too), or null. */
    public Path createdPath() {
        return createdPath;
    }

    private PrintWriter err() {
        if (mixee != null) {
            return mixee.commandLine().getErr();
        }
        return err != null ? err : new PrintWriter(System.err, true);
    }
}
