package dev.detour.bridge;

import dev.detour.config.Config;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The config a bridge serves with, reloaded on demand. A config that cannot be used (bad file, session gone)
 * leaves the last good one in force and is reported through {@link #error()} until a good one arrives.
 */
public final class LiveConfig {
    /** One applied config; requests take a snapshot when they start and keep it to the end. */
    public record Snapshot(Config config, Session session, long version) {
    }

    /** What a reload did: {@code changed} when a new config was applied; {@code error} when it was refused. */
    public record Reload(Snapshot snapshot, boolean changed, String error) {
    }

    private final Path file;
    private final String sessionName;
    private final Consumer<Snapshot> onApplied;
    private volatile Snapshot current;
    private volatile String error;
    private String lastText;

    /**
     * @param onApplied told of every applied config (the first included), e.g. to learn secrets to redact
     */
    public LiveConfig(Path file, String sessionName, LoadedConfig initial, Consumer<Snapshot> onApplied)
            throws ConfigException {
        this.file = file;
        this.sessionName = sessionName;
        this.onApplied = onApplied;
        this.current = new Snapshot(initial.config(), session(initial), 1);
        this.lastText = initial.text();
        onApplied.accept(current);
    }

    public Path file() {
        return file;
    }

    public Snapshot current() {
        return current;
    }

    /** Why the newest config on disk is not in force, or null. */
    public String error() {
        return error;
    }

    /** Reports a failure outside {@link #reload} (e.g. of the thread that watches the file) until a good reload. */
    public void failed(String why) {
        error = why;
    }

    /** Re-reads the file; applies it when it is valid and differs from what was read before. */
    public synchronized Reload reload() {
        LoadedConfig loaded;
        Session session;
        try {
            loaded = ConfigLoader.load(file);
            session = session(loaded);
        } catch (ConfigException e) {
            error = e.getMessage() + " (keeping the last good route)";
            return new Reload(current, false, error);
        } catch (RuntimeException | StackOverflowError e) {
            error = file + ": cannot read: " + e + " (keeping the last good route)";
            return new Reload(current, false, error);
        }
        error = null;
        if (loaded.text().equals(lastText)) {
            return new Reload(current, false, null);
        }
        lastText = loaded.text();
        current = new Snapshot(loaded.config(), session, current.version() + 1);
        onApplied.accept(current);
        return new Reload(current, true, null);
    }

    private Session session(LoadedConfig loaded) throws ConfigException {
        Session session = loaded.config().sessions().get(sessionName);
        if (session == null) {
            throw new ConfigException(loaded.file(), 0, "sessions." + sessionName, "no such session");
        }
        if (session.route().isEmpty()) {
            throw new ConfigException(loaded.file(), 0, "sessions." + sessionName + ".route", "the route is empty");
        }
        return session;
    }
}
