package dev.detour.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The config model as the nested key/value tree of its TOML form (tables are maps; values are strings, longs and
 * lists). The writer compares the trees of the model before and after a change to find the values to rewrite.
 */
final class ConfigTree {
    private ConfigTree() {
    }

    static Map<String, Object> of(Config config) {
        Map<String, Object> root = new LinkedHashMap<>();
        Settings s = config.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("probe_interval_s", (long) s.probeIntervalS());
        settings.put("status_interval_s", (long) s.statusIntervalS());
        settings.put("idle_timeout_s", (long) s.idleTimeoutS());
        settings.put("first_byte_timeout_s", (long) s.firstByteTimeoutS());
        settings.put("control_hosts", List.copyOf(s.controlHosts()));
        root.put("settings", settings);

        Map<String, Object> upstreams = new LinkedHashMap<>();
        for (Upstream u : config.upstreams().values()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("family", u.family().wireName());
            putIfPresent(t, "api", u.api());
            putIfPresent(t, "base_url", u.baseUrl());
            putIfPresent(t, "auth", u.auth());
            putIfPresent(t, "status_page", u.statusPage());
            putIfPresent(t, "status_component", u.statusComponent());
            if (!u.models().isEmpty()) {
                t.put("models", new LinkedHashMap<String, Object>(u.models()));
            }
            if (u.firstByteTimeoutS() != null) {
                t.put("first_byte_timeout_s", (long) u.firstByteTimeoutS());
            }
            upstreams.put(u.name(), t);
        }
        root.put("upstreams", upstreams);

        Map<String, Object> sessions = new LinkedHashMap<>();
        for (Session session : config.sessions().values()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("port", (long) session.port());
            t.put("route", List.copyOf(session.route()));
            t.put("failover", session.failover().wireName());
            sessions.put(session.name(), t);
        }
        root.put("sessions", sessions);
        return root;
    }

    /** Every value that is not a table, by its full key path, in tree order. */
    static Map<List<String>, Object> leaves(Map<String, Object> tree) {
        Map<List<String>, Object> out = new LinkedHashMap<>();
        collect(tree, new ArrayList<>(), out);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> tree, List<String> path) {
        Object node = tree;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> node, List<String> prefix, Map<List<String>, Object> out) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            if (e.getValue() instanceof Map<?, ?> child) {
                collect((Map<String, Object>) child, path, out);
            } else {
                out.put(List.copyOf(path), e.getValue());
            }
        }
    }

    private static void putIfPresent(Map<String, Object> table, String key, String value) {
        if (value != null) {
            table.put(key, value);
        }
    }
}
