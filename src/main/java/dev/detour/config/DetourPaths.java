package dev.detour.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Where detour keeps its config and state, following the XDG base directory conventions. */
public record DetourPaths(Path stateDir) {
    public static final String CONFIG_ENV = "DETOUR_CONFIG";

    /** The state directory from {@code $XDG_STATE_HOME/detour} or {@code ~/.local/state/detour}. */
    public static DetourPaths fromEnvironment(Map<String, String> env) {
        String xdgState = env.get("XDG_STATE_HOME");
        Path base = xdgState != null && !xdgState.isBlank()
                ? Path.of(xdgState)
                : home(env).resolve(".local").resolve("state");
        return new DetourPaths(base.resolve("detour"));
    }

    public static DetourPaths system() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The config file: {@code --config} &gt; {@code $DETOUR_CONFIG} &gt; {@code $XDG_CONFIG_HOME/detour/detour.toml}
     * &gt; {@code ~/.config/detour/detour.toml}.
     */
    public static Path configFile(Path flag, Map<String, String> env) {
        if (flag != null) {
            return flag;
        }
        String explicit = env.get(CONFIG_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdgConfig = env.get("XDG_CONFIG_HOME");
        Path base = xdgConfig != null && !xdgConfig.isBlank() ? Path.of(xdgConfig) : home(env).resolve(".config");
        return base.resolve("detour").resolve("detour.toml");
    }

    private static Path home(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    /** Creates the state directory (mode 0700: it holds bridge tokens) when it does not exist yet. */
    public Path ensureStateDir() throws IOException {
        return PrivateFiles.dir(stateDir);
    }

    public Path bridgesDir() {
        return stateDir.resolve("bridges");
    }

    public Path tokenFile(String session) {
        return bridgesDir().resolve(session + ".token");
    }

    public Path pidFile(String session) {
        return bridgesDir().resolve(session + ".pid");
    }

    public Path logFile(String session) {
        return bridgesDir().resolve(session + ".log");
    }

    public Path eventsFile() {
        return stateDir.resolve("events.jsonl");
    }
}
