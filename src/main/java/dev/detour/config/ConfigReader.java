package dev.detour.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the model from the parsed TOML tree and checks every rule of the config contract. Each error names the
 * file, the line and the key; unknown keys become warnings (a typo must not pass silently).
 */
final class ConfigReader {
    static final int MIN_PORT = 1024;
    static final int MAX_PORT = 65535;

    private static final Set<String> TOP_KEYS = Set.of("settings", "upstreams", "sessions", "team");
    private static final List<String> SETTINGS_KEYS =
            List.of("probe_interval_s", "status_interval_s", "idle_timeout_s", "first_byte_timeout_s", "control_hosts",
                    "proxy", "ca_file", "client_cert", "client_key");
    private static final List<String> UPSTREAM_KEYS =
            List.of("family", "api", "base_url", "region", "project", "auth", "status_page", "status_component", "models",
                    "betas", "first_byte_timeout_s", "proxy", "ca_file", "client_cert", "client_key");
    private static final List<String> SESSION_KEYS = List.of("port", "route", "failover", "team");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]+");

    private final Path file;
    private final TomlLayout layout;
    private final List<String> warnings = new ArrayList<>();

    ConfigReader(Path file, TomlLayout layout) {
        this.file = file;
        this.layout = layout;
    }

    List<String> warnings() {
        return warnings;
    }

    Config read(Map<String, Object> root) throws ConfigException {
        for (String key : root.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                warnUnknown(List.of(key), List.copyOf(TOP_KEYS));
            }
        }
        Settings settings = settings(optionalTable(root, List.of("settings")));
        Map<String, Upstream> upstreams = new LinkedHashMap<>();
        Map<String, Object> upstreamTables = optionalTable(root, List.of("upstreams"));
        for (String name : inFileOrder("upstreams", upstreamTables)) {
            upstreams.put(name, upstream(name, table(upstreamTables.get(name), List.of("upstreams", name))));
        }
        Map<String, Session> sessions = new LinkedHashMap<>();
        Map<String, Object> sessionTables = optionalTable(root, List.of("sessions"));
        Map<Integer, String> portOwners = new HashMap<>();
        for (String name : inFileOrder("sessions", sessionTables)) {
            List<String> path = List.of("sessions", name);
            Session session = session(name, table(sessionTables.get(name), path), upstreams);
            String owner = portOwners.putIfAbsent(session.port(), name);
            if (owner != null) {
                throw error(List.of("sessions", name, "port"),
                        "port " + session.port() + " is already used by session \"" + owner + "\"; each session needs its own port");
            }
            sessions.put(name, session);
        }
        TeamSettings team = null;
        if (root.containsKey("team")) {
            Map<String, Object> teamTable = table(root.get("team"), List.of("team"));
            warnUnknownKeys(List.of("team"), teamTable, TeamSection.KEYS);
            team = TeamSection.read(teamTable, this::error, ConfigReader::hostName);
        }
        return new Config(settings, upstreams, sessions, team);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }

    private Settings settings(Map<String, Object> t) throws ConfigException {
        List<String> at = List.of("settings");
        warnUnknownKeys(at, t, SETTINGS_KEYS);
        Settings d = Settings.DEFAULTS;
        return new Settings(
                positiveInt(t, at, "probe_interval_s", d.probeIntervalS()),
                positiveInt(t, at, "status_interval_s", d.statusIntervalS()),
                positiveInt(t, at, "idle_timeout_s", d.idleTimeoutS()),
                positiveInt(t, at, "first_byte_timeout_s", d.firstByteTimeoutS()),
                controlHosts(t, at),
                network(t, at));
    }

    private Network network(Map<String, Object> t, List<String> at) throws ConfigException {
        String proxy = optionalString(t, at, "proxy");
        String proxyProblem = Network.proxyProblem(proxy);
        if (proxyProblem != null) {
            throw error(child(at, "proxy"), proxyProblem);
        }
        String clientCert = optionalString(t, at, "client_cert");
        String clientKey = optionalString(t, at, "client_key");
        if ((clientCert == null) != (clientKey == null)) {
            throw error(child(at, clientCert == null ? "client_key" : "client_cert"),
                    "client_cert and client_key go together: write both, or neither");
        }
        return new Network(proxy, optionalString(t, at, "ca_file"), clientCert, clientKey);
    }

    private List<String> controlHosts(Map<String, Object> t, List<String> at) throws ConfigException {
        List<String> path = child(at, "control_hosts");
        if (!t.containsKey("control_hosts")) {
            return Settings.DEFAULTS.controlHosts();
        }
        List<String> hosts = stringList(t.get("control_hosts"), path);
        for (String host : hosts) {
            if (!HOST.matcher(host).matches()) {
                throw error(path, "\"" + host + "\" is not a host name or address (write just the host, e.g. \"1.1.1.1\")");
            }
        }
        return hosts;
    }

    private Upstream upstream(String name, Map<String, Object> t) throws ConfigException {
        List<String> at = List.of("upstreams", name);
        checkName(at, name, "upstream");
        warnUnknownKeys(at, t, UPSTREAM_KEYS);
        String familyText = requiredString(t, at, "family", "\"anthropic\" or \"openai\"");
        Family family = Family.fromWireName(familyText);
        if (family == null) {
            throw error(child(at, "family"), "\"" + familyText + "\" is not a family: expected \"anthropic\" or \"openai\"");
        }
        String apiText = optionalString(t, at, "api");
        Dialect api = dialect(t, at, family);
        String region = optionalString(t, at, "region");
        String project = optionalString(t, at, "project");
        String baseUrl = api.cloud() && !t.containsKey("base_url") ? null : requiredString(t, at, "base_url", "an http(s) URL");
        if (baseUrl != null) {
            checkUrl(child(at, "base_url"), baseUrl);
        }
        String auth = requiredString(t, at, "auth", "\"passthrough\" or \"env:VAR\"");
        if (!api.cloud() || !auth.equals(Upstream.AWS) && !auth.equals(Upstream.GCLOUD)) {
            checkAuth(child(at, "auth"), auth, family, api);
        }
        String statusPage = optionalString(t, at, "status_page");
        if (statusPage != null) {
            checkUrl(child(at, "status_page"), statusPage);
        }
        String statusComponent = optionalString(t, at, "status_component");
        Map<String, String> models = new LinkedHashMap<>();
        if (t.containsKey("models")) {
            List<String> modelsPath = child(at, "models");
            for (Map.Entry<String, Object> m : table(t.get("models"), modelsPath).entrySet()) {
                if (!(m.getValue() instanceof String model) || model.isBlank()) {
                    throw error(child(modelsPath, m.getKey()), "expected a model name in quotes");
                }
                models.put(m.getKey(), model);
            }
        }
        List<String> betas = t.containsKey("betas") ? stringList(t.get("betas"), child(at, "betas")) : null;
        if (betas != null && !api.cloud()) {
            throw error(child(at, "betas"), "betas applies to api = \"bedrock\" or \"vertex\" (the Messages API takes every flag)");
        }
        java.util.Optional<CloudKeys.Problem> problem = CloudKeys.check(api, region, project, auth, models);
        if (problem.isPresent()) {
            throw error(problem.get().key() == null ? at : child(at, problem.get().key()), problem.get().message());
        }
        if (baseUrl == null) {
            baseUrl = CloudEndpoints.derived(api, region);
        }
        Integer firstByteTimeoutS = t.containsKey("first_byte_timeout_s")
                ? positiveInt(t, at, "first_byte_timeout_s", 0) : null;
        return new Upstream(name, family, baseUrl, auth, statusPage, statusComponent, models, apiText, firstByteTimeoutS,
                region, project, betas, network(t, at));
    }

    private Dialect dialect(Map<String, Object> t, List<String> at, Family family) throws ConfigException {
        String text = optionalString(t, at, "api");
        if (text == null) {
            return Dialect.defaultFor(family);
        }
        Dialect api = Dialect.fromWireName(text, family);
        if (api == null) {
            throw error(child(at, "api"), "\"" + text + "\" is not a dialect of the " + family.wireName()
                    + " family: expected " + quotedList(family.apis()));
        }
        return api;
    }

    private Session session(String name, Map<String, Object> t, Map<String, Upstream> upstreams) throws ConfigException {
        List<String> at = List.of("sessions", name);
        checkName(at, name, "session");
        warnUnknownKeys(at, t, SESSION_KEYS);
        List<String> portPath = child(at, "port");
        if (!t.containsKey("port")) {
            throw error(at, "missing port: expected a loopback port number between " + MIN_PORT + " and " + MAX_PORT);
        }
        if (!(t.get("port") instanceof Long port)) {
            throw error(portPath, "expected a port number between " + MIN_PORT + " and " + MAX_PORT + ", without quotes");
        }
        if (port < MIN_PORT || port > MAX_PORT) {
            throw error(portPath, "port " + port + " is outside " + MIN_PORT + "–" + MAX_PORT);
        }
        List<String> routePath = child(at, "route");
        if (!t.containsKey("route")) {
            throw error(at, "missing route: expected a list of upstream names, e.g. route = [\"anthropic\"]");
        }
        List<String> route = stringList(t.get("route"), routePath);
        if (route.isEmpty()) {
            throw error(routePath, "the route is empty: name at least one upstream");
        }
        Set<String> seen = new HashSet<>();
        for (String upstream : route) {
            if (!upstreams.containsKey(upstream)) {
                throw error(routePath, "unknown upstream \"" + upstream + "\"" + knownUpstreams(upstreams));
            }
            if (!seen.add(upstream)) {
                throw error(routePath, "upstream \"" + upstream + "\" appears twice in the route");
            }
        }
        Failover failover = Failover.SAME_FAMILY;
        String failoverText = optionalString(t, at, "failover");
        if (failoverText != null) {
            failover = Failover.fromWireName(failoverText);
            if (failover == null) {
                throw error(child(at, "failover"), "\"" + failoverText + "\" is not a failover mode: expected \"off\", \"same-family\" or \"any\"");
            }
        }
        boolean team = true;
        if (t.containsKey("team")) {
            if (!(t.get("team") instanceof Boolean b)) {
                throw error(child(at, "team"), "expected true or false, without quotes");
            }
            team = b;
        }
        return new Session(name, port.intValue(), route, failover, team);
    }

    private static String knownUpstreams(Map<String, Upstream> upstreams) {
        return upstreams.isEmpty() ? " (no [upstreams.NAME] table is defined)"
                : " (defined: " + String.join(", ", upstreams.keySet()) + ")";
    }

    private void checkName(List<String> at, String name, String what) throws ConfigException {
        if (!NAME.matcher(name).matches()) {
            throw error(at, "\"" + name + "\" is not a valid " + what + " name: use letters, digits, '-' and '_'");
        }
    }

    private void checkUrl(List<String> path, String url) throws ConfigException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw error(path, "\"" + url + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw error(path, "\"" + url + "\" is not an http(s) URL: expected e.g. \"https://api.anthropic.com\"");
        }
        if (scheme.equals("http") && !LoopbackHost.is(uri.getHost())) {
            throw error(path, "plain http to " + uri.getHost() + " would send prompts and keys unencrypted: "
                    + "use https (http is allowed only for loopback: 127.0.0.1, ::1, localhost)");
        }
    }

    private void checkAuth(List<String> path, String auth, Family family, Dialect api) throws ConfigException {
        if (auth.equals(Upstream.PASSTHROUGH)) {
            if (family == Family.OPENAI && api != Dialect.RESPONSES) {
                throw error(path, "\"passthrough\" would send the agent's Anthropic credential to an openai upstream: "
                        + "use auth = \"env:VAR\" with the variable that holds this upstream's key "
                        + "(only api = \"responses\" takes Codex's own key)");
            }
            return;
        }
        if (auth.startsWith(Upstream.ENV_PREFIX) && ENV_VAR.matcher(auth.substring(Upstream.ENV_PREFIX.length())).matches()) {
            return;
        }
        throw error(path, "expected \"passthrough\" (forward the agent's own credential) or \"env:VAR\" "
                + "(read the key from environment variable VAR); never write a key into the config");
    }

    private int positiveInt(Map<String, Object> t, List<String> at, String key, int fallback) throws ConfigException {
        if (!t.containsKey(key)) {
            return fallback;
        }
        if (!(t.get(key) instanceof Long value) || value < 1 || value > Integer.MAX_VALUE) {
            throw error(child(at, key), "expected a whole number of seconds, at least 1, without quotes");
        }
        return value.intValue();
    }

    private static String quotedList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((a, b) -> a + " or " + b).orElse("");
    }

    private String requiredString(Map<String, Object> t, List<String> at, String key, String expected)
            throws ConfigException {
        if (!t.containsKey(key)) {
            throw error(at, "missing " + key + ": expected " + expected);
        }
        String value = optionalString(t, at, key);
        if (value.isBlank()) {
            throw error(child(at, key), "empty: expected " + expected);
        }
        return value;
    }

    private String optionalString(Map<String, Object> t, List<String> at, String key) throws ConfigException {
        Object value = t.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw error(child(at, key), "expected a string in quotes");
        }
        return s;
    }

    private List<String> stringList(Object value, List<String> path) throws ConfigException {
        if (!(value instanceof List<?> list)) {
            throw error(path, "expected a list of strings, e.g. [\"a\", \"b\"]");
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw error(path, "expected a list of strings, e.g. [\"a\", \"b\"]");
            }
            out.add(s);
        }
        return out;
    }

    private Map<String, Object> optionalTable(Map<String, Object> root, List<String> path) throws ConfigException {
        Object value = root.get(path.get(path.size() - 1));
        return value == null ? Map.of() : table(value, path);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> table(Object value, List<String> path) throws ConfigException {
        if (!(value instanceof Map<?, ?> map)) {
            throw error(path, "expected a table ([" + String.join(".", path) + "])");
        }
        return (Map<String, Object>) map;
    }

    /** Names of a section's tables in the order they appear in the file (TOML4J's maps have no order). */
    private List<String> inFileOrder(String section, Map<String, Object> tables) {
        List<String> names = new ArrayList<>(tables.keySet());
        names.sort(Comparator.comparingInt(name -> layout.line(List.of(section, name))));
        return names;
    }

    private void warnUnknownKeys(List<String> at, Map<String, Object> t, List<String> known) {
        for (String key : t.keySet()) {
            if (!known.contains(key)) {
                warnUnknown(child(at, key), known);
            }
        }
    }

    private void warnUnknown(List<String> path, List<String> known) {
        String key = path.get(path.size() - 1);
        String suggestion = known.stream()
                .filter(k -> EditDistance.between(k, key) <= 2)
                .min(Comparator.comparingInt(k -> EditDistance.between(k, key)))
                .map(k -> " (did you mean " + k + "?)")
                .orElse(" (known here: " + String.join(", ", known) + ")");
        warnings.add(where(path) + ": unknown key, ignored" + suggestion);
    }

    private String where(List<String> path) {
        int line = layout.line(path);
        return file + (line > 0 ? ":" + line : "") + ": " + String.join(".", path);
    }

    private ConfigException error(List<String> path, String message) {
        return new ConfigException(file, layout.line(path), String.join(".", path), message);
    }

    private static List<String> child(List<String> at, String key) {
        List<String> path = new ArrayList<>(at);
        path.add(key);
        return List.copyOf(path);
    }
}
