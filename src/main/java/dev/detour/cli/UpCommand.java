package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.health.HealthMonitor;
import dev.detour.supervise.CrashWatcher;
import dev.detour.supervise.StartResult;
import dev.detour.supervise.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the bridges of the named sessions (all sessions when none is named), detached: they "
                + "keep running after this command, a closed terminal or an SSH disconnect.",
                "Waits until each accepts connections and reports it: started, already running, or failed (with "
                        + "the last lines of its log). Exit code 1 when any failed."})
public final class UpCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SESSION", arity = "0..*", description = "Sessions to start (default: all)")
    List<String> sessions = new ArrayList<>();

    @Option(names = "--watch", description = "Stay in the foreground and restart bridges that die unexpectedly "
            + "(backoff 1 s doubling to 60 s), until interrupted. For people who run no dashboard.")
    boolean watch;

    @Override
    public Integer call() throws ConfigException, IOException, InterruptedException {
        LoadedConfig loaded = root.configOption.load();
        List<Session> selected = SessionSelection.select(loaded, sessions);
        Supervisor supervisor = Supervisor.forThisProcess(DetourPaths.system(), loaded.file());
        PrintWriter out = spec.commandLine().getOut();
        boolean allOk = report(out, spec.commandLine().getErr(), startAll(supervisor, selected));
        if (!watch) {
            return allOk ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        AtomicReference<Collection<Session>> watched = new AtomicReference<>(selected);
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        LatestConfig config = new LatestConfig(loaded);
        try (CrashWatcher watcher = new CrashWatcher(supervisor, watched::get, Clock.systemUTC(), problem -> {
            err.println("detour: " + problem);
            err.flush();
        }); HealthMonitor health = HealthMonitor.start(config::get, System.getenv(), supervisor.paths(), snapshot -> {
        })) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            out.println("watching " + selected.size() + " bridge(s) and upstream health; events in " + supervisor.paths().eventsFile()
                    + "; Ctrl-C stops watching (the bridges keep running)");
            out.flush();
            watcher.start();
            stop.await();
        }
        return allOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** Starts the sessions in parallel (each waits for its own bridge), results in the order asked. */
    static List<StartResult> startAll(Supervisor supervisor, List<Session> selected)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(selected.size(), 8)));
        try {
            List<Future<StartResult>> futures = new ArrayList<>();
            for (Session session : selected) {
                futures.add(pool.submit(() -> supervisor.start(session)));
            }
            List<StartResult> results = new ArrayList<>();
            for (Future<StartResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One line per session (failures on {@code err}, with their log lines indented); true when none failed. */
    static boolean report(PrintWriter out, PrintWriter err, List<StartResult> results) {
        boolean allOk = true;
        for (StartResult result : results) {
            if (result.ok()) {
                String detail = result.outcome() == StartResult.Outcome.STARTED ? "started" : result.message();
                out.println(result.session() + ": " + detail + " (pid " + result.pid() + ")");
            } else {
                allOk = false;
                err.println("detour: " + result.session() + ": failed: " + result.message());
                if (!result.logTail().isEmpty()) {
                    err.println("  last lines of its log:");
                    result.logTail().forEach(line -> err.println("    " + line));
                }
            }
        }
        out.flush();
        err.flush();
        return allOk;
    }
}
