package dev.detour.tui;

import dev.detour.bridge.BridgeClient;
import dev.detour.bridge.BridgeStats;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.journal.EventJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The I/O behind each poller: config file, bridges' stats, events journal. */
public final class Sources {
    public static final Duration CONFIG_INTERVAL = Duration.ofSeconds(1);
    public static final Duration BRIDGES_INTERVAL = Duration.ofSeconds(1);
    public static final Duration EVENTS_INTERVAL = Duration.ofSeconds(1);
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

    /** Each session's bridge: its stats when it answers, else stopped (with the reason when a token exists). */
    public static Pollers.Poll bridges(DetourPaths paths, Clock clock) {
        return current -> {
            Map<String, BridgeView> views = new LinkedHashMap<>();
            for (Session session : current.config().sessions().values()) {
                views.put(session.name(), bridge(paths, session, clock.instant()));
            }
            Snapshot.Freshness fresh = new Snapshot.Freshness(clock.instant(), BRIDGES_INTERVAL);
            return s -> s.withBridges(views, fresh);
        };
    }

    static BridgeView bridge(DetourPaths paths, Session session, Instant now) {
        Path token = paths.tokenFile(session.name());
        if (!Files.exists(token)) {
            return BridgeView.stopped(session.name(), now);
        }
        try {
            BridgeStats stats = BridgeClient.forSession(session.port(), token).stats();
            return new BridgeView(session.name(), BridgeState.RUNNING, stats, stats.pid(), 0, null, now);
        } catch (IOException e) {
            return new BridgeView(session.name(), BridgeState.STOPPED, null, 0, 0, null, now);
        }
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
