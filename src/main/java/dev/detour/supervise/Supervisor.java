package dev.detour.supervise;

import dev.detour.config.DetourPaths;
import dev.detour.config.Session;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts, stops and restarts the bridges of sessions, and tells their state. Thread-safe: {@link #state} is cheap
 * (a pid file and {@code /proc}); {@link #start}, {@link #stop} and {@link #restart} block for up to their bounds and
 * are serialised per session across threads and across detour processes (a lock file), so call them off a UI thread.
 */
public final class Supervisor {
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration STOP_GRACE = Duration.ofSeconds(25);
    private static final int LOG_TAIL_LINES = 10;
    private static final long POLL_MS = 50;

    private final DetourPaths paths;
    private final Path configFile;
    private final Map<String, String> bridgeEnv;
    private final BridgeLauncher launcher;
    private final EventJournal journal;
    private final ProcFs proc;
    private final PortOwner ports;
    private final Map<String, ChildProcess> children = new ConcurrentHashMap<>();

    public Supervisor(DetourPaths paths, Path configFile, Map<String, String> bridgeEnv, BridgeLauncher launcher,
                      EventJournal journal, ProcFs proc, PortOwner ports) {
        this.paths = paths;
        this.configFile = configFile.toAbsolutePath();
        this.bridgeEnv = Map.copyOf(bridgeEnv);
        this.launcher = launcher;
        this.journal = journal;
        this.proc = proc;
        this.ports = ports;
    }

    /** A supervisor that starts bridges with this JVM, this process's environment and the given state dir. */
    public static Supervisor forThisProcess(DetourPaths paths, Path configFile) {
        Map<String, String> env = System.getenv();
        return new Supervisor(paths, configFile, BridgeLauncher.environment(env, paths.stateDir()),
                BridgeLauncher.forThisJvm(env), new EventJournal(paths.eventsFile()), ProcFs.system(),
                PortOwner.system());
    }

    public DetourPaths paths() {
        return paths;
    }

    public EventJournal journal() {
        return journal;
    }

    public BridgeState state(Session session) {
        String name = session.name();
        OptionalLong pid = pidFile(name).read();
        Optional<String> other = pid.isPresent() ? otherConfig(pid.getAsLong()) : Optional.empty();
        if (other.isPresent()) {
            // this config's bridge is not running; the one that runs, its restarts and its log belong to the other
            return new BridgeState(name, session.port(), BridgeStatus.STOPPED, null, null, 0, other.get());
        }
        int restarts = readRestarts(name);
        String lastLog = LogTail.lastLine(paths.logFile(name));
        if (pid.isEmpty()) {
            return new BridgeState(name, session.port(), BridgeStatus.STOPPED, null, null, restarts, lastLog);
        }
        if (isBridge(pid.getAsLong(), name)) {
            Instant started = ProcessHandle.of(pid.getAsLong()).flatMap(h -> h.info().startInstant()).orElse(null);
            return new BridgeState(name, session.port(), BridgeStatus.RUNNING, pid.getAsLong(), started, restarts,
                    lastLog);
        }
        return new BridgeState(name, session.port(), BridgeStatus.CRASHED, pid.getAsLong(), null, restarts, lastLog);
    }

    /**
     * Why a command given this config must leave the session's bridge alone: the running bridge of that name serves
     * another config file. Empty when it serves this one, or none runs.
     */
    public Optional<String> servesAnotherConfig(String session) {
        OptionalLong pid = pidFile(session).read();
        return pid.isPresent() ? otherConfig(pid.getAsLong()) : Optional.empty();
    }

    private Optional<String> otherConfig(long pid) {
        return OtherConfig.of(proc, pid, configFile);
    }

    /** True when {@code pid} is alive and its command line is the bridge for {@code session}. */
    public boolean isBridge(long pid, String session) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && proc.argv(pid).map(argv -> BridgeIdentity.isBridge(argv, session)).orElse(false);
    }

    /**
     * Starts the bridge unless it runs, then waits (bounded) until it accepts connections. The bridge journals its
     * own {@code bridge_start}.
     */
    public StartResult start(Session session) throws IOException {
        try (SessionLock ignored = lock(session.name())) {
            StartResult result = startLocked(session);
            if (result.outcome() == StartResult.Outcome.STARTED) {
                Files.deleteIfExists(restartsFile(session.name()));
            }
            return result;
        }
    }

    /**
     * Stops the bridge: removes its pid file first (so no watcher takes the exit for a crash), SIGTERM so it drains,
     * SIGKILL to its whole process tree after {@code grace}. A pid file that names a dead pid or another program is
     * removed without signalling anything.
     */
    public StopResult stop(Session session, Duration grace, String reason) throws IOException {
        String name = session.name();
        try (SessionLock ignored = lock(name)) {
            PidFile pidFile = pidFile(name);
            OptionalLong pid = pidFile.read();
            if (pid.isEmpty()) {
                return new StopResult(name, StopResult.Outcome.NOT_RUNNING, 0, "not running");
            }
            long p = pid.getAsLong();
            Optional<String> other = otherConfig(p);
            if (other.isPresent()) {
                return new StopResult(name, StopResult.Outcome.OTHER_CONFIG, p, other.get());
            }
            if (!isBridge(p, name)) {
                pidFile.delete();
                Files.deleteIfExists(restartsFile(name));
                return new StopResult(name, StopResult.Outcome.STALE_CLEANED, p, staleReason(p));
            }
            pidFile.delete();
            Files.deleteIfExists(restartsFile(name));
            boolean drained = ProcessTree.terminate(p, grace);
            children.remove(name);
            String how = drained ? "stopped (SIGTERM)" : "killed (SIGKILL after " + grace.toSeconds() + " s)";
            if (!drained) {
                // a drained bridge journals its own exit; a killed one cannot
                journal.append(Event.now("bridge_exit", name, Long.toString(p), null, how + ", " + reason));
            }
            return new StopResult(name, drained ? StopResult.Outcome.STOPPED : StopResult.Outcome.KILLED, p, how);
        }
    }

    /**
     * Drains and replaces the bridge: SIGTERM to the old one, the new one starts as soon as the old one has let go of
     * the port (it finishes its streams in flight meanwhile), then the old one gets until {@code grace} to exit.
     */
    public StartResult restart(Session session, Duration grace, String reason) throws IOException {
        String name = session.name();
        try (SessionLock ignored = lock(name)) {
            PidFile pidFile = pidFile(name);
            OptionalLong old = pidFile.read();
            Optional<String> other = old.isPresent() ? otherConfig(old.getAsLong()) : Optional.empty();
            if (other.isPresent()) {
                return new StartResult(name, StartResult.Outcome.FAILED, old.getAsLong(), other.get(), List.of());
            }
            Optional<ProcessHandle> oldHandle = old.isPresent() && isBridge(old.getAsLong(), name)
                    ? ProcessHandle.of(old.getAsLong()) : Optional.empty();
            if (oldHandle.isEmpty()) {
                StartResult result = startLocked(session);
                if (result.outcome() == StartResult.Outcome.STARTED) {
                    Files.deleteIfExists(restartsFile(name));
                }
                return result;
            }
            long oldPid = old.getAsLong();
            ProcessHandle handle = oldHandle.get();
            List<ProcessHandle> tree = ProcessTree.of(handle);
            long deadline = System.nanoTime() + grace.toNanos();
            pidFile.delete();
            handle.destroy();
            while (handle.isAlive() && PortOwner.accepting(session.port()) && System.nanoTime() < deadline) {
                sleep(POLL_MS);
            }
            if (handle.isAlive() && PortOwner.accepting(session.port())) {
                tree.forEach(ProcessHandle::destroyForcibly);
                ProcessTree.waitForExit(handle, Duration.ofSeconds(5));
            }
            StartResult result = startLocked(session);
            ProcessTree.waitForExit(handle, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            tree.forEach(ProcessHandle::destroyForcibly);
            if (result.outcome() == StartResult.Outcome.STARTED) {
                Files.deleteIfExists(restartsFile(name));
                journal.append(Event.now("bridge_restart", name, Long.toString(oldPid), Long.toString(result.pid()),
                        reason));
            }
            return result;
        }
    }

    /**
     * Restarts a bridge that crashed, unless someone else already did (the pid file no longer names
     * {@code crashedPid}). Returns empty in that case. When the restart fails the pid file keeps naming a dead
     * pid, so the bridge stays "crashed" and the watcher tries again.
     */
    public Optional<StartResult> restartAfterCrash(Session session, long crashedPid, String reason) throws IOException {
        String name = session.name();
        try (SessionLock ignored = lock(name)) {
            PidFile pidFile = pidFile(name);
            OptionalLong current = pidFile.read();
            if (current.isEmpty() || current.getAsLong() != crashedPid || isBridge(crashedPid, name)) {
                return Optional.empty();
            }
            StartResult result = startLocked(session);
            if (result.outcome() == StartResult.Outcome.STARTED) {
                int restarts = readRestarts(name) + 1;
                Files.writeString(restartsFile(name), restarts + "\n", StandardCharsets.UTF_8);
                journal.append(Event.now("bridge_restart", name, Long.toString(crashedPid),
                        Long.toString(result.pid()), reason + "; restart " + restarts));
            } else if (pidFile.read().isEmpty()) {
                pidFile.write(crashedPid);
            }
            return Optional.of(result);
        }
    }

    /**
     * The exit value of a bridge this supervisor started, waiting briefly for the JVM to reap it (a watcher may
     * notice the death first); empty for bridges started by another process, or one still running.
     */
    public Optional<Integer> exitValue(String session, long pid) {
        ChildProcess child = children.get(session);
        if (child == null || child.pid() != pid) {
            return Optional.empty();
        }
        try {
            return child.process().waitFor(2, TimeUnit.SECONDS)
                    ? Optional.of(child.process().exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private StartResult startLocked(Session session) throws IOException {
        String name = session.name();
        PidFile pidFile = pidFile(name);
        OptionalLong existing = pidFile.read();
        if (existing.isPresent()) {
            Optional<String> other = otherConfig(existing.getAsLong());
            if (other.isPresent()) {
                return new StartResult(name, StartResult.Outcome.FAILED, existing.getAsLong(), other.get(), List.of());
            }
            if (isBridge(existing.getAsLong(), name)) {
                String where = PortOwner.accepting(session.port()) ? "already running"
                        : "already running, but not on port " + session.port() + " (the config changed?): `detour "
                        + "restart " + name + "` moves it";
                return new StartResult(name, StartResult.Outcome.ALREADY_RUNNING, existing.getAsLong(), where,
                        List.of());
            }
            pidFile.delete();
        }
        int port = session.port();
        if (PortOwner.accepting(port)) {
            OptionalLong holder = ports.pidListeningOn(port);
            if (holder.isPresent() && isBridge(holder.getAsLong(), name)) {
                return new StartResult(name, StartResult.Outcome.ALREADY_RUNNING, holder.getAsLong(),
                        "already running in the foreground (pid " + holder.getAsLong() + "), not supervised",
                        List.of());
            }
            String who = holder.isPresent()
                    ? "pid " + holder.getAsLong() + " (" + commandOf(holder.getAsLong()) + ")"
                    : "another program (its pid is not visible to this user)";
            return new StartResult(name, StartResult.Outcome.FAILED, 0,
                    "port " + port + " is already in use by " + who, List.of());
        }
        Path log = paths.logFile(name);
        Files.writeString(log, "detour: starting bridge " + name + " at " + Instant.now() + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long logOffset = Files.size(log);
        ChildProcess child = launcher.launch(name, configFile, bridgeEnv, log);
        children.put(name, child);
        pidFile.write(child.pid());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (child.exit().isDone()) {
                return new StartResult(name, StartResult.Outcome.FAILED, child.pid(),
                        "exited (" + ExitDescription.describe(child.exit().join())
                                + ") before accepting connections on port " + port,
                        LogTail.lastLines(log, LOG_TAIL_LINES, logOffset));
            }
            if (PortOwner.accepting(port)) {
                return new StartResult(name, StartResult.Outcome.STARTED, child.pid(), "started", List.of());
            }
            sleep(POLL_MS);
        }
        ProcessTree.terminate(child.pid(), Duration.ofSeconds(2));
        return new StartResult(name, StartResult.Outcome.FAILED, child.pid(),
                "did not accept connections on port " + port + " within " + READY_TIMEOUT.toSeconds() + " s",
                LogTail.lastLines(log, LOG_TAIL_LINES, logOffset));
    }

    private String staleReason(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return "stale pid file removed: pid " + pid + " is now another program (" + commandOf(pid)
                    + "), not signalled";
        }
        return "stale pid file removed: pid " + pid + " is gone";
    }

    private String commandOf(long pid) {
        String command = proc.argv(pid).map(argv -> String.join(" ", argv)).orElse("?");
        return command.length() > 80 ? command.substring(0, 77) + "..." : command;
    }

    private PidFile pidFile(String session) {
        return new PidFile(paths.pidFile(session));
    }

    private Path restartsFile(String session) {
        return paths.bridgesDir().resolve(session + ".restarts");
    }

    private int readRestarts(String session) {
        try {
            return Integer.parseInt(Files.readString(restartsFile(session), StandardCharsets.UTF_8).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private SessionLock lock(String session) throws IOException {
        return SessionLock.acquire(paths, session);
    }
}
