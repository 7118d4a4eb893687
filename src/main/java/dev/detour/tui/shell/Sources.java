package dev.detour.tui.shell;

import dev.detour.tui.model.AgentView;
import dev.detour.tui.model.BridgeState;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.Snapshot;

import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.journal.EventJournal;
import dev.detour.supervise.Agent;
import dev.detour.supervise.AgentDiscovery;
import dev.detour.supervise.AgentScan;
import dev.detour.supervise.Supervisor;
import dev.detour.wire.BridgeClient;
import dev.detour.wire.BridgeStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The I/O behind each poller: config file, bridges (process and stats), agents, events journal. */
public final class Sources {
    public static final Duration CONFIG_INTERVAL = Duration.ofSeconds(1);
    public static final Duration BRIDGES_INTERVAL = Duration.ofSeconds(1);
    public static final Duration EVENTS_INTERVAL = Duration.ofSeconds(1);
    public static final Duration AGENTS_INTERVAL = Duration.ofSeconds(2);
    public static final int EVENTS_KEPT = 60;

    private Sources() {
    }

    /** Re-reads the config when its modification time or size changes; an invalid file keeps the last good model. */
    public static Pollers.Poll config(Path file) {
        Object[] seen = {null};
        return current -> {
            Object stamp = stamp(file);
            if (Objects.equals(stamp, seen[0])) {
                return null;
            }
            seen[0] = stamp;
            try {
                LoadedConfig loaded = ConfigLoader.load(file);
                return s -> s.withConfig(loaded.config(), null);
            } catch (ConfigException e) {
                return s -> s.withConfig(s.config(), e.getMessage());
            }
        };
    }

    private static Object stamp(Path file) {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            return time.toMillis() + ":" + Files.size(file) + ":" + Files.getAttribute(file, "unix:ino");
        } catch (IOException | UnsupportedOperationException e) {
            return "missing";
        }
    }

    /** Each session's bridge: the supervisor's view of its process, and its stats when it answers. */
    public static Pollers.Poll bridges(DetourPaths paths, Supervisor supervisor, Clock clock) {
        return current -> {
            Map<String, BridgeView> views = new LinkedHashMap<>();
            for (Session session : current.config().sessions().values()) {
                views.put(session.name(), bridge(paths, supervisor, session, clock.instant()));
            }
            Snapshot.Freshness fresh = new Snapshot.Freshness(clock.instant(), BRIDGES_INTERVAL);
            return s -> s.withBridges(views, fresh);
        };
    }

    static BridgeView bridge(DetourPaths paths, Supervisor supervisor, Session session, Instant now) {
        dev.detour.supervise.BridgeState process = supervisor.state(session);
        long pid = process.pid() == null ? 0 : process.pid();
        String lastLog = process.lastLogLine() == null || process.lastLogLine().isEmpty() ? null : process.lastLogLine();
        switch (process.status()) {
            case STOPPED:
                return new BridgeView(session.name(), BridgeState.STOPPED, null, 0, process.restarts(), null, now);
            case CRASHED:
                return new BridgeView(session.name(), BridgeState.CRASHED, null, pid, process.restarts(),
                        lastLog == null ? "exited unexpectedly" : lastLog, now);
            default:
                break;
        }
        try {
            BridgeStats stats = BridgeClient.forSession(session.port(), paths.tokenFile(session.name())).stats();
            return new BridgeView(session.name(), BridgeState.RUNNING, stats, pid, process.restarts(), null, now);
        } catch (IOException e) {
            boolean young = process.startedAt() != null && Duration.between(process.startedAt(), now).toSeconds() < 10;
            return new BridgeView(session.name(), young ? BridgeState.STARTING : BridgeState.UNREACHABLE, null, pid,
                    process.restarts(), young ? null : "stats: " + e.getMessage(), now);
        }
    }

    /** The agents on this machine: attached to a session's bridge, or bypassing detour. */
    public static Pollers.Poll agents(AgentDiscovery discovery, Clock clock) {
        return current -> {
            AgentScan scan = discovery.scan(current.config().sessions().values());
            List<AgentView> agents = new ArrayList<>();
            for (Agent a : scan.attached()) {
                agents.add(view(a));
            }
            for (Agent a : scan.bypassing()) {
                agents.add(view(a));
            }
            Snapshot.Freshness fresh = new Snapshot.Freshness(clock.instant(), AGENTS_INTERVAL);
            return s -> s.withAgents(agents, fresh);
        };
    }

    private static AgentView view(Agent a) {
        return new AgentView(a.pid(), a.kind() != null ? a.kind() : a.command(), a.cwd(), a.session(),
                a.claude() == null ? null : a.claude().status(), a.tmuxPane());
    }

    /** The newest events, read again only when the journal grew. */
    public static Pollers.Poll events(Path eventsFile, Clock clock) {
        long[] seenSize = {-1};
        return current -> {
            long size = Files.exists(eventsFile) ? Files.size(eventsFile) : 0;
            Snapshot.Freshness fresh = new Snapshot.Freshness(clock.instant(), EVENTS_INTERVAL);
            if (size == seenSize[0]) {
                return s -> s.withEvents(s.events(), fresh);
            }
            seenSize[0] = size;
            var events = new EventJournal(eventsFile).newest(EVENTS_KEPT);
            return s -> s.withEvents(events, fresh);
        };
    }

}
