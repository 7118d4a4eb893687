package dev.detour.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Upstream;
import dev.detour.dialect.UpstreamProtocols;
import dev.detour.httpd.StrictHttpServer;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.wire.BridgeStats;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One session's bridge: its server, forwarder, breakers, live config (file watch and reload endpoint), stats, log
 * and journal, and the drain on shutdown. {@code detour bridge SESSION} runs one in the foreground.
 */
public final class Bridge implements AutoCloseable {
    /** Made on first use, so that loading Jackson does not delay binding the port. */
    private static final class StatsJson {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
    private static final long DEBOUNCE_MS = 100;

    private final String session;
    private final LiveConfig config;
    private final BridgeLog log;
    private final EventJournal journal;
    private final StatsBook stats = new StatsBook();
    private final Instant startedAt = Instant.now();
    private final Forwarder forwarder;
    private final BreakerBoard breakers;
    private BridgeServer server;
    private WatchService watcher;
    private volatile String front;

    private Bridge(String session, LiveConfig config, DetourPaths paths, BridgeLog log, UpstreamProtocols protocols,
                   Function<String, String> env) {
        this.session = session;
        this.log = log;
        this.journal = new EventJournal(paths.eventsFile());
        this.config = config;
        this.breakers = new BreakerBoard((upstream, t) -> {
            log.line("breaker " + upstream + ": " + t.from().word() + " -> " + t.to().word() + " (" + t.reason() + ")");
            journal(Event.now("breaker", session, upstream, t.to().word(), "was " + t.from().word() + ": " + t.reason()));
        });
        this.forwarder = new Forwarder(Forwarder.sharedClientInBackground(), protocols, breakers, stats, this::serving, env,
                new Forwarder.Observer() {
                    @Override
                    public void failover(String from, String to, String reason) {
                        log.line("failover " + from + " -> " + to + ": " + reason);
                        journal(Event.now("failover", session, from, to, reason));
                    }

                    @Override
                    public void log(String line) {
                        log.line(line);
                    }
                });
    }

    /**
     * Starts the bridge of {@code session}: token (created if absent), log, its port, then the forwarder and the
     * server, config watch. The port listens before the forwarder is built: an agent connecting meanwhile waits in
     * the backlog and is answered once the server runs, and whoever waits for the port waits less.
     *
     * @throws IOException when the port cannot be bound
     */
    public static Bridge start(String session, Path configFile, LoadedConfig initial, DetourPaths paths,
                               UpstreamProtocols protocols, Function<String, String> env) throws Exception {
        String token = SessionToken.ensure(paths.tokenFile(session));
        Redactor redactor = new Redactor();
        redactor.add(token);
        BridgeLog log = new BridgeLog(paths.logFile(session), redactor);
        LiveConfig config;
        ServerSocket listener;
        try {
            config = new LiveConfig(configFile, session, initial, snapshot -> learnSecrets(redactor, snapshot, env));
            listener = listen(config.current().session().port(), log);
        } catch (Exception e) {
            log.close();
            throw e;
        }
        Bridge bridge;
        try {
            bridge = new Bridge(session, config, paths, log, protocols, env);
            IdleTrim trim = IdleTrim.forThisJvm(bridge.stats.inFlight());
            bridge.server = BridgeServer.start(listener, token, bridge.forwarder, bridge.control(), bridge.stats,
                    trim::requestEnded);
            trim.start();
        } catch (Exception | Error e) {
            listener.close();
            log.close();
            throw e;
        }
        int port = bridge.port();
        log.line("bridge " + session + " listening on 127.0.0.1:" + port + " pid " + ProcessHandle.current().pid()
                + " route " + bridge.config.current().session().route());
        bridge.logSkipped(bridge.config.current());
        bridge.journal(Event.now("bridge_start", session, null, "127.0.0.1:" + port,
                "pid " + ProcessHandle.current().pid()));
        bridge.watchConfig();
        warmUpControl();
        return bridge;
    }

    /** Binds and listens on 127.0.0.1:{@code port}; connections wait in the backlog until the server runs. */
    private static ServerSocket listen(int port, BridgeLog log) throws IOException {
        try {
            return StrictHttpServer.listenOnLoopback(port);
        } catch (IOException e) {
            log.line("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            throw new IOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds the control API's JSON mapper now that the port is bound, off the request path: the first {@code detour
     * reroute} after a start then does not wait for it in its reload call.
     */
    private static void warmUpControl() {
        Thread warmUp = new Thread(() -> StatsJson.MAPPER.createObjectNode(), "bridge-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    public int port() {
        return server.port();
    }

    public LiveConfig config() {
        return config;
    }

    /**
     * Puts {@code upstream} first in the route served from the next request on, over whatever the config says, until
     * called with null (a team override; the config file is left alone). An upstream the config lacks is not used.
     */
    public void front(String upstream) {
        front = upstream;
    }

    /** Writes one line to the bridge's log (redacted like every other). */
    public void note(String line) {
        log.line(line);
    }

    /** The config in force with the route as served: the config's own, or with the override's upstream first. */
    public LiveConfig.Snapshot serving() {
        LiveConfig.Snapshot snapshot = config.current();
        String first = front;
        java.util.List<String> route = snapshot.session().route();
        if (first == null || !snapshot.config().upstreams().containsKey(first) || route.get(0).equals(first)) {
            return snapshot;
        }
        java.util.List<String> served = new java.util.ArrayList<>(route.size() + 1);
        served.add(first);
        route.stream().filter(name -> !name.equals(first)).forEach(served::add);
        return new LiveConfig.Snapshot(snapshot.config(), snapshot.session().withRoute(served), snapshot.version());
    }

    /** Stops accepting, waits (bounded) for requests in flight, writes the exit to the journal. */
    public void drain(int boundSeconds, String why) {
        int atStart = stats.inFlight().get();
        log.line(why + ": draining " + atStart + " request(s) in flight, at most " + boundSeconds + " s");
        server.stopAccepting(boundSeconds);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(boundSeconds);
        while (stats.inFlight().get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = stats.inFlight().get();
        String reason = why + ": " + (left == 0 ? "drained " + atStart + " request(s)"
                : left + " request(s) still in flight after " + boundSeconds + " s were cut");
        log.line("exit: " + reason);
        journal(Event.now("bridge_exit", session, null, null, reason));
    }

    /** Stops at once without draining (in-process use; the command drains on SIGTERM). */
    @Override
    public void close() throws IOException {
        server.close();
        if (watcher != null) {
            watcher.close();
        }
        log.close();
    }

    private BridgeServer.Control control() {
        return new BridgeServer.Control() {
            @Override
            public byte[] stats() throws IOException {
                return StatsJson.MAPPER.writeValueAsBytes(snapshotStats());
            }

            @Override
            public Map.Entry<Integer, byte[]> reload() throws IOException {
                LiveConfig.Reload result = reloadNow("reload requested");
                ObjectNode answer = StatsJson.MAPPER.createObjectNode();
                answer.put("config_version", result.snapshot().version()).put("changed", result.changed());
                answer.putPOJO("route", result.snapshot().session().route());
                if (result.error() != null) {
                    answer.put("error", result.error());
                }
                return new AbstractMap.SimpleEntry<>(result.error() == null ? 200 : 422, StatsJson.MAPPER.writeValueAsBytes(answer));
            }
        };
    }

    /** The stats contract ({@link BridgeStats}) as of now. */
    public BridgeStats snapshotStats() {
        LiveConfig.Snapshot snapshot = serving();
        FailoverPlan plan = forwarder.plan(snapshot);
        Map<String, BridgeStats.UpstreamStats> upstreams = new LinkedHashMap<>();
        for (String name : snapshot.session().route()) {
            upstreams.put(name, stats.upstream(name, breakers.of(name).state().word(), plan.skipped().get(name)));
        }
        return new BridgeStats(session, ProcessHandle.current().pid(), startedAt, server.port(), snapshot.version(),
                config.error(), snapshot.session().route(), stats.serving(), stats.inFlight().get(), upstreams,
                stats.requests(), stats.claudeSessions(Instant.now()));
    }

    private synchronized LiveConfig.Reload reloadNow(String trigger) {
        String errorBefore = config.error();
        LiveConfig.Reload result = config.reload();
        if (result.error() != null) {
            log.line("config error (" + trigger + "): " + result.error());
            if (!result.error().equals(errorBefore)) {
                journal(Event.now("config_error", session, null, null, result.error()));
            }
        } else if (result.changed()) {
            LiveConfig.Snapshot s = result.snapshot();
            log.line("config reloaded (" + trigger + "): version " + s.version() + ", route " + s.session().route()
                    + ", failover " + s.session().failover().wireName()
                    + (s.session().port() != port() ? "; the new port " + s.session().port()
                    + " takes effect when the bridge restarts" : ""));
            logSkipped(s);
        }
        return result;
    }

    private void watchConfig() throws IOException {
        Path file = config.file().toAbsolutePath();
        watcher = FileSystems.getDefault().newWatchService();
        file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        Thread thread = new Thread(() -> {
            while (true) {
                try {
                    WatchKey key = watcher.take();
                    boolean ours = false;
                    for (WatchEvent<?> event : key.pollEvents()) {
                        ours |= file.getFileName().equals(event.context());
                    }
                    key.reset();
                    if (ours) {
                        Thread.sleep(DEBOUNCE_MS);
                        WatchKey more = watcher.poll();
                        if (more != null) {
                            more.pollEvents();
                            more.reset();
                        }
                        reloadNow("file changed");
                    }
                } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                    return;
                } catch (RuntimeException e) {
                    log.line("config watch: " + e);
                }
            }
        }, "bridge-config-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void logSkipped(LiveConfig.Snapshot snapshot) {
        forwarder.plan(snapshot).skipped().forEach((name, why) -> log.line("upstream " + name + " not used: " + why));
    }

    private static void learnSecrets(Redactor redactor, LiveConfig.Snapshot snapshot, Function<String, String> env) {
        for (Upstream upstream : snapshot.config().upstreams().values()) {
            upstream.authEnvVar().map(env).ifPresent(redactor::add);
            if (Upstream.AWS.equals(upstream.auth())) {
                java.util.stream.Stream.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", dev.detour.cloud.AwsCredentialChain.BEARER_VAR)
                        .map(env).forEach(redactor::add);
            }
        }
    }

    private void journal(Event event) {
        try {
            journal.append(event);
        } catch (IOException e) {
            log.line("cannot write " + journal.file() + ": " + e.getMessage());
        }
    }
}
