package dev.detour.tui;

import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Puts the dashboard together: pollers over the real sources, actions over the real config and bridges. */
public final class DashboardApp {
    private DashboardApp() {
    }

    /**
     * @param faults the demo's fault switch, or null outside the demo
     */
    public static void run(LoadedConfig loaded, Mode mode, DetourPaths paths, Map<String, String> env,
                           BridgeControl bridges, FaultSwitch faults) throws IOException {
        Clock clock = Clock.systemUTC();
        Path configFile = loaded.file();
        DashboardLog log = new DashboardLog(paths.stateDir().resolve("dashboard.log"));
        Snapshot initial = Snapshot.of(configFile, loaded.config());
        try (Pollers pollers = pollers(initial, configFile, paths, clock, log);
             EffectRunner effects = new EffectRunner(new RouteActions(configFile, paths, log), bridges, faults, pollers, log)) {
            new Dashboard(configFile, mode, pollers, effects, log, clock, env).run();
        }
    }

    static Pollers pollers(Snapshot initial, Path configFile, DetourPaths paths, Clock clock, DashboardLog log) {
        Pollers pollers = new Pollers(initial, log, 3);
        pollers.add("config", Sources.CONFIG_INTERVAL, Sources.config(configFile))
                .add("bridges", Sources.BRIDGES_INTERVAL, Sources.bridges(paths, clock))
                .add("health", Duration.ofSeconds(1), current -> {
                    var views = TrafficHealth.judge(current, clock.instant());
                    var fresh = new Snapshot.Freshness(clock.instant(), Duration.ofSeconds(1));
                    return s -> s.withHealth(views, s.advice(), fresh);
                })
                .add("events", Sources.EVENTS_INTERVAL, Sources.events(paths.eventsFile(), clock));
        return pollers;
    }

    /** The mode from the flags and the environment: {@code NO_COLOR} (any value) turns colour off. */
    public static Mode mode(boolean readOnly, boolean noColor, boolean demo, Map<String, String> env) {
        String noColorEnv = env.get("NO_COLOR");
        return new Mode(readOnly, demo, !noColor && (noColorEnv == null || noColorEnv.isEmpty()));
    }
}
