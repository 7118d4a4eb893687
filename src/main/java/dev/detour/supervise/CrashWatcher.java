package dev.detour.supervise;

import dev.detour.config.Session;
import dev.detour.journal.Event;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Restarts bridges that died unexpectedly, with {@link Backoff}, and writes a {@code bridge_exit} event (exit code
 * or signal, last log line) for every crash and a {@code bridge_restart} event for every restart. A bridge stopped
 * by {@code detour down} has no pid file and is left alone. Runs on one daemon thread; several watchers (a
 * dashboard and {@code detour up --watch}) may run at once: the supervisor's session lock lets only one restart.
 */
public final class CrashWatcher implements AutoCloseable {
    public static final Duration INTERVAL = Duration.ofMillis(500);

    private final Supervisor supervisor;
    private final Supplier<? extends Collection<Session>> sessions;
    private final Clock clock;
    private final Consumer<String> problems;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    /** Held during a check (which may wait for a restart), apart from start/close so closing never waits for it. */
    private final Object checking = new Object();
    private ScheduledExecutorService timer;

    /**
     * @param sessions the sessions to watch, asked on every check (so config changes apply)
     * @param problems receives one line per failure of the watcher itself (e.g. an unwritable state dir)
     */
    public CrashWatcher(Supervisor supervisor, Supplier<? extends Collection<Session>> sessions, Clock clock,
                        Consumer<String> problems) {
        this.supervisor = supervisor;
        this.sessions = sessions;
        this.clock = clock;
        this.problems = problems;
    }

    /** Checks every {@link #INTERVAL} on a daemon thread until {@link #close()}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "detour-crash-watcher");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdown();
            timer = null;
        }
    }

    /** The backoff state of a session (for display); {@link Backoff#initial()} when it never crashed. */
    public Backoff backoff(String session) {
        synchronized (checking) {
            Watch watch = watches.get(session);
            return watch == null ? Backoff.initial() : watch.backoff;
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (IOException | RuntimeException | Error e) {
            problems.accept("crash watcher: " + e);
        }
    }

    /** One pass over every session: note new crashes, restart those whose backoff has passed. */
    public void check() throws IOException {
        synchronized (checking) {
            checkOnce();
        }
    }

    private void checkOnce() throws IOException {
        Instant now = clock.instant();
        for (Session session : sessions.get()) {
            Watch watch = watches.computeIfAbsent(session.name(), n -> new Watch());
            BridgeState state = supervisor.state(session);
            switch (state.status()) {
                case RUNNING -> {
                    watch.startedAt = state.startedAt();
                    watch.crashedPid = 0;
                }
                case STOPPED -> watch.crashedPid = 0;
                case CRASHED -> onCrashed(session, state, watch, now);
            }
        }
    }

    private void onCrashed(Session session, BridgeState state, Watch watch, Instant now) throws IOException {
        long pid = state.pid();
        if (watch.crashedPid != pid) {
            Duration uptime = watch.startedAt == null ? Duration.ZERO : Duration.between(watch.startedAt, now);
            watch.backoff = watch.backoff.afterCrash(uptime);
            watch.crashedPid = pid;
            watch.restartAt = now.plus(watch.backoff.delay());
            watch.startedAt = null;
            String exit = ExitDescription.describe(supervisor.exitValue(session.name(), pid).orElse(null));
            String lastLog = state.lastLogLine().isEmpty() ? "" : "; last log line: " + state.lastLogLine();
            supervisor.journal().append(Event.now("bridge_exit", session.name(), Long.toString(pid), null,
                    "died unexpectedly: " + exit + lastLog));
        }
        if (!now.isBefore(watch.restartAt)) {
            Duration waited = watch.backoff.delay();
            Optional<StartResult> result = supervisor.restartAfterCrash(session, pid,
                    "restarted after a crash (backoff " + waited.toSeconds() + " s)");
            if (result.isPresent() && !result.get().ok()) {
                StartResult failed = result.get();
                watch.backoff = watch.backoff.afterCrash(Duration.ZERO);
                watch.restartAt = now.plus(watch.backoff.delay());
                watch.crashedPid = failed.pid() != 0 ? failed.pid() : pid;
                String lastLog = failed.logTail().isEmpty() ? ""
                        : "; last log line: " + failed.logTail().get(failed.logTail().size() - 1);
                supervisor.journal().append(Event.now("bridge_exit", session.name(),
                        failed.pid() != 0 ? Long.toString(failed.pid()) : null, null,
                        "restart failed: " + failed.message() + lastLog));
            }
        }
    }

    private static final class Watch {
        Backoff backoff = Backoff.initial();
        long crashedPid;
        Instant restartAt = Instant.MIN;
        Instant startedAt;
    }
}
