package dev.detour.config;

import com.moandjiezana.toml.Toml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a config file with TOML4J into the model. */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static LoadedConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "no such file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read: " + e.getMessage());
        }
        return parse(file, text);
    }

    public static LoadedConfig parse(Path file, String text) throws ConfigException {
        Toml toml;
        try {
            toml = new Toml().read(text);
        } catch (RuntimeException e) {
            throw new ConfigException(file, 0, null, "TOML syntax: " + e.getMessage());
        }
        List<String> warnings = new ArrayList<>();
        Settings settings = settings(toml.getTable("settings"));
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        Toml upstreamTables = toml.getTable("upstreams");
        if (upstreamTables != null) {
            for (Map.Entry<String, Object> e : upstreamTables.entrySet()) {
                upstreams.put(e.getKey(), upstream(file, e.getKey(), upstreamTables.getTable(e.getKey())));
            }
        }
        Map<String, Session> sessions = new LinkedHashMap<>();
        Toml sessionTables = toml.getTable("sessions");
        if (sessionTables != null) {
            for (Map.Entry<String, Object> e : sessionTables.entrySet()) {
                sessions.put(e.getKey(), session(file, e.getKey(), sessionTables.getTable(e.getKey()), upstreams));
            }
        }
        return new LoadedConfig(file, new Config(settings, upstreams, sessions), text, warnings);
    }

    private static Settings settings(Toml table) {
        if (table == null) {
            return Settings.DEFAULTS;
        }
        Settings d = Settings.DEFAULTS;
        List<String> controlHosts = table.getList("control_hosts", d.controlHosts());
        return new Settings(
                table.getLong("probe_interval_s", (long) d.probeIntervalS()).intValue(),
                table.getLong("status_interval_s", (long) d.statusIntervalS()).intValue(),
                table.getLong("idle_timeout_s", (long) d.idleTimeoutS()).intValue(),
                controlHosts);
    }

    private static Upstream upstream(Path file, String name, Toml t) throws ConfigException {
        String key = "upstreams." + name;
        Family family = Family.fromWireName(t.getString("family"));
        if (family == null) {
            throw new ConfigException(file, 0, key + ".family", "expected \"anthropic\" or \"openai\"");
        }
        Map<String, String> models = new LinkedHashMap<>();
        Toml modelTable = t.getTable("models");
        if (modelTable != null) {
            for (Map.Entry<String, Object> m : modelTable.entrySet()) {
                models.put(m.getKey(), String.valueOf(m.getValue()));
            }
        }
        return new Upstream(name, family, t.getString("base_url"), t.getString("auth", Upstream.PASSTHROUGH),
                t.getString("status_page"), t.getString("status_component"), models);
    }

    private static Session session(Path file, String name, Toml t, Map<String, Upstream> upstreams)
            throws ConfigException {
        String key = "sessions." + name;
        List<String> route = t.getList("route", List.of());
        for (String upstream : route) {
            if (!upstreams.containsKey(upstream)) {
                throw new ConfigException(file, 0, key + ".route", "unknown upstream \"" + upstream + "\"");
            }
        }
        Failover failover = Failover.fromWireName(t.getString("failover", Failover.SAME_FAMILY.wireName()));
        if (failover == null) {
            throw new ConfigException(file, 0, key + ".failover", "expected off, same-family or any");
        }
        return new Session(name, t.getLong("port", 0L).intValue(), route, failover);
    }
}
