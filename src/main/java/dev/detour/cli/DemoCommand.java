package dev.detour.cli;

import dev.detour.config.PrivateFiles;
import dev.detour.config.ConfigLoader;
import dev.detour.config.ConfigWriter;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.journal.EventJournal;
import dev.detour.supervise.BridgeLauncher;
import dev.detour.supervise.PortOwner;
import dev.detour.supervise.ProcFs;
import dev.detour.supervise.StartResult;
import dev.detour.supervise.Supervisor;
import dev.detour.tui.shell.DashboardApp;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.shell.TerminalSetup;
import dev.detour.tui.demo.DemoConfig;
import dev.detour.tui.demo.DemoFaults;
import dev.detour.tui.demo.DemoTraffic;
import dev.detour.tui.demo.SimProcesses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** {@code detour demo}: the dashboard on a self-contained incident, with nothing but loopback. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Opens the dashboard on a self-contained demo incident (no keys, no network).",
                "Simulated upstreams (anthropic, corp-proxy, openai), bridges for three sessions and light synthetic",
                "agent traffic, all on 127.0.0.1 in a temporary folder. After about 20 s anthropic starts answering 529; x toggles a fault on the selected",
                "upstream. Quitting stops everything the demo started and removes the folder."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--fault-after", paramLabel = "S", defaultValue = "20",
            description = "Seconds until anthropic starts answering 529 (default 20; 0 never)")
    int faultAfter;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set).")
    boolean noColor;

    @Option(names = "--keep", description = "Keep the demo's folder (config, logs, events) after quitting, and print its path.")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        String missing = TerminalSetup.missingTerminal();
        if (missing != null) {
            throw CliFailure.usage(missing);
        }
        Path dir = Files.createTempDirectory("detour-demo-");
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        PrivateFiles.dir(paths.bridgesDir());
        List<Integer> ports = freePorts(6);
        DemoConfig demo = new DemoConfig(ports.get(0), ports.get(1), ports.get(2), ports.subList(3, 6));
        Path configFile = dir.resolve("detour.toml");
        String original = demo.text();
        ConfigWriter.create(configFile, original);
        LoadedConfig loaded = ConfigLoader.load(configFile);

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(DemoConfig.OPENAI_KEY_VAR, "demo-openai-key-for-the-simulated-upstream");
        Supervisor supervisor = new Supervisor(paths, configFile, BridgeLauncher.environment(env, paths.stateDir()),
                BridgeLauncher.forThisJvm(env), new EventJournal(paths.eventsFile()), ProcFs.system(), PortOwner.system());
        SimProcesses sims = new SimProcesses();
        DemoTraffic traffic = new DemoTraffic();
        Map<String, Integer> simPorts = new LinkedHashMap<>();
        simPorts.put("anthropic", demo.anthropicPort());
        simPorts.put("corp-proxy", demo.proxyPort());
        simPorts.put("openai", demo.openaiPort());
        DemoFaults faults = new DemoFaults(simPorts);
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanup = () -> {
            if (cleaned.compareAndSet(false, true)) {
                stopAll(traffic, supervisor, loaded, sims);
            }
        };
        Thread hook = new Thread(cleanup, "detour-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            startUpstreams(demo, paths, sims);
            DashboardApp.run(loaded, DashboardApp.mode(false, noColor, true, System.getenv()), paths, supervisor,
                    System.getenv(), faults,
                    show -> CompletableFuture.runAsync(() -> setUp(show, paths, supervisor, traffic, faults, loaded)));
        } finally {
            cleanup.run();
            Runtime.getRuntime().removeShutdownHook(hook);
            report(System.out, configFile, original, dir);
        }
        return ExitCodes.OK;
    }

    private void setUp(Consumer<Outcome> show, DetourPaths paths, Supervisor supervisor, DemoTraffic traffic,
                       DemoFaults faults, LoadedConfig loaded) {
        long t0 = System.nanoTime();
        try {
            show.accept(Outcome.info("demo: simulated upstreams anthropic, corp-proxy and openai are up; starting 3 bridges"));
            List<CompletableFuture<StartResult>> starts = new ArrayList<>();
            for (Session s : loaded.config().sessions().values()) {
                starts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return supervisor.start(s);
                    } catch (IOException e) {
                        return new StartResult(s.name(), StartResult.Outcome.FAILED, 0, e.getMessage(), List.of());
                    }
                }));
            }
            List<String> failed = new ArrayList<>();
            for (CompletableFuture<StartResult> f : starts) {
                StartResult r = f.join();
                if (!r.ok()) {
                    failed.add(r.session() + ": " + r.message());
                }
            }
            if (!failed.isEmpty()) {
                show.accept(Outcome.error("demo: bridges failed to start: " + String.join("; ", failed)));
                return;
            }
            Map<String, Integer> bridgePorts = new LinkedHashMap<>();
            loaded.config().sessions().values().forEach(s -> bridgePorts.put(s.name(), s.port()));
            traffic.start(bridgePorts, paths::tokenFile);
            show.accept(Outcome.info("demo: 3 simulated upstreams, 3 bridges and their agents' traffic are up"
                    + (faultAfter > 0 ? "; anthropic starts failing in " + faultAfter + " s" : "")));
            if (faultAfter > 0) {
                long wait = Duration.ofSeconds(faultAfter).toNanos() - (System.nanoTime() - t0);
                Thread.sleep(Math.max(0, wait / 1_000_000));
                show.accept(faults.set("anthropic", true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The simulated upstreams listen before the dashboard opens: its first health probes would otherwise find none
     * answering and call the machine's network down.
     */
    private static void startUpstreams(DemoConfig demo, DetourPaths paths, SimProcesses sims) {
        System.err.println("detour demo: starting the simulated upstreams...");
        Path log = paths.stateDir().resolve("sims.log");
        try {
            sims.start("anthropic", "anthropic", demo.anthropicPort(), log);
            sims.start("corp-proxy", "anthropic", demo.proxyPort(), log);
            sims.start("openai", "openai", demo.openaiPort(), log);
            sims.awaitReady(log);
        } catch (IOException e) {
            throw CliFailure.runtime("demo: " + e.getMessage());
        }
    }

    private static void stopAll(DemoTraffic traffic, Supervisor supervisor, LoadedConfig loaded, SimProcesses sims) {
        traffic.close();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Session s : loaded.config().sessions().values()) {
            stops.add(CompletableFuture.runAsync(() -> {
                try {
                    supervisor.stop(s, Duration.ofSeconds(3), "demo ended");
                } catch (IOException | RuntimeException ignored) {
                    // the demo's state folder is about to go; a bridge that would not stop was killed by stop()
                }
            }));
        }
        stops.forEach(CompletableFuture::join);
        sims.close();
    }

    private void report(PrintStream out, Path configFile, String original, Path dir) throws IOException {
        String now = Files.exists(configFile) ? Files.readString(configFile) : original;
        List<String> was = original.lines().toList();
        List<String> is = now.lines().toList();
        List<String> changed = new ArrayList<>();
        if (was.size() == is.size()) {
            String table = "";
            for (int i = 0; i < was.size(); i++) {
                if (is.get(i).startsWith("[")) {
                    table = is.get(i);
                }
                if (!was.get(i).equals(is.get(i))) {
                    changed.add("  " + table + "  line " + (i + 1) + ":  " + was.get(i).trim() + "  →  " + is.get(i).trim());
                }
            }
        }
        out.println("detour demo: stopped the simulated upstreams and bridges.");
        if (!changed.isEmpty()) {
            out.println("Your changes to the demo config (only these lines changed; comments and layout kept):");
            changed.forEach(out::println);
        }
        if (keep) {
            out.println("The demo's folder is kept: " + dir);
        } else {
            deleteTree(dir);
        }
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                sockets.add(s);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
