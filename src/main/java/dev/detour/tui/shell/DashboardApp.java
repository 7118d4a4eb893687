package dev.detour.tui.shell;

import dev.detour.tui.view.QuitSummary;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Snapshot;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.health.HealthCheck;
import dev.detour.health.HealthJournal;
import dev.detour.journal.EventJournal;
import dev.detour.config.LoadedConfig;
import dev.detour.supervise.AgentDiscovery;
import dev.detour.supervise.CrashWatcher;
import dev.detour.supervise.Supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Consumer;

/** Puts the dashboard together: pollers over the real sources, actions over the real config and bridges. */
public final class DashboardApp {
    static final Duration HISTORY_INTERVAL = Duration.ofSeconds(5);

    private DashboardApp() {
    }

    /**
     * @param faults  the demo's fault switch, or null outside the demo
     * @param onStart called once the first frame is on screen, with a way to show outcomes in the flash line (the demo's setup)
     */
    public static void run(LoadedConfig loaded, Mode mode, DetourPaths paths, Supervisor supervisor,
                           Map<String, String> env, FaultSwitch faults, Consumer<Consumer<Outcome>> onStart)
            throws IOException {
        Clock clock = Clock.systemUTC();
        HistoryRecorder history = new HistoryRecorder(paths.stateDir().resolve("history.json"));
        Path configFile = loaded.file();
        DashboardLog log = new DashboardLog(paths.stateDir().resolve("dashboard.log"));
        Snapshot initial = Snapshot.of(configFile, loaded.config());
        BridgeControl bridges = new SupervisedBridges(supervisor, configFile);
        Duration probeInterval = Duration.ofSeconds(Math.max(2, loaded.config().settings().probeIntervalS()));
        try (HealthPolls health = new HealthPolls(() -> HealthCheck.withDefaults(Duration.ofSeconds(5), env, paths), probeInterval,
                new HealthJournal(new EventJournal(paths.eventsFile())));
             TeamPoll team = new TeamPoll(paths, env, clock);
             Pollers pollers = pollers(initial, configFile, paths, supervisor, health, history, clock, log);
             CrashWatcher watcher = new CrashWatcher(supervisor, () -> pollers.latest().config().sessions().values(),
                     clock, problem -> log.info("crash watcher: " + problem));
             EffectRunner effects = new EffectRunner(new RouteActions(configFile, paths, log), new BridgeLogs(paths, supervisor), bridges, faults,
                     pollers, log).withTeam(new TeamActions(configFile, paths, () -> pollers.latest().config(), env, log))) {
            pollers.add("team", TeamPoll.INTERVAL, team::poll);
            Dashboard dashboard = new Dashboard(configFile, mode, pollers, effects, log, clock, env);
            dashboard.run(() -> {
                if (!mode.readOnly()) {
                    watcher.start();
                }
                onStart.accept(outcome -> {
                    effects.submitOutcome(outcome);
                    pollers.refreshNow();
                });
            });
            history.save(pollers.latest().config());
            if (!mode.demo() && dashboard.quitState() != null) {
                QuitSummary.lines(dashboard.quitState()).forEach(System.out::println);
                System.out.flush();
            }
        }
    }

    static Pollers pollers(Snapshot initial, Path configFile, DetourPaths paths, Supervisor supervisor,
                           HealthPolls health, HistoryRecorder history, Clock clock, DashboardLog log) {
        Pollers pollers = new Pollers(initial, log, 4);
        AgentDiscovery discovery = AgentDiscovery.system();
        Config config = initial.config();
        pollers.add("config", Sources.CONFIG_INTERVAL, Sources.config(configFile))
                .add("bridges", Sources.BRIDGES_INTERVAL, Sources.bridges(paths, supervisor, clock))
                .add("agents", Sources.AGENTS_INTERVAL, Sources.agents(discovery, clock))
                .add("health", Duration.ofSeconds(1), health.judge(clock))
                .add("probes", health.probeInterval(), health.probes(clock))
                .add("status pages", Duration.ofSeconds(Math.max(10, config.settings().statusIntervalS())),
                        health.statusPages(Duration.ofSeconds(10)))
                .add("events", Sources.EVENTS_INTERVAL, Sources.events(paths.eventsFile(), clock))
                .add("history", HISTORY_INTERVAL, history.poll(clock));
        return pollers;
    }

    /**
     * The mode from the flags and the environment: {@code NO_COLOR} (any value) turns colour off; a locale that is
     * not UTF-8 ({@code LC_ALL}, else {@code LC_CTYPE}, else {@code LANG}) turns symbols into ASCII;
     * {@code DETOUR_NO_MOUSE} (any value) or a terminal type without a mouse leaves the mouse to the terminal.
     */
    public static Mode mode(boolean readOnly, boolean noColor, boolean demo, Map<String, String> env) {
        String noColorEnv = env.get("NO_COLOR");
        return new Mode(readOnly, demo, !noColor && (noColorEnv == null || noColorEnv.isEmpty()), utf8(env),
                env.getOrDefault("HOME", System.getProperty("user.home")), ZoneId.systemDefault(), SgrMouse.wanted(env), null);
    }

    /** What the dashboard says while it runs when this start created the config file, or null when it did not. */
    public static String firstRunNotice(Path created) {
        return created == null ? null : "first run: created " + created + " with defaults; e edits it";
    }

    static boolean utf8(Map<String, String> env) {
        for (String name : new String[]{"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                String v = value.toLowerCase(java.util.Locale.ROOT);
                return v.contains("utf-8") || v.contains("utf8");
            }
        }
        return false;
    }
}
