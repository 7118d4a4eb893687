package dev.detour.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads and checks the {@code [team]} table (absent: team mode is off). */
final class TeamSection {
    static final List<String> KEYS = List.of("redis_url", "auth", "secret", "box", "name");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ENV = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");

    interface Errors {
        ConfigException at(List<String> path, String message);
    }

    private TeamSection() {
    }

    static TeamSettings read(Map<String, Object> t, Errors errors, Supplier<String> hostName) throws ConfigException {
        List<String> at = List.of("team");
        String url = string(t, "redis_url", errors, true);
        checkUrl(url, errors);
        String auth = envVar(t, "auth", errors, false);
        String secret = envVar(t, "secret", errors, true);
        String box = string(t, "box", errors, false);
        if (box == null) {
            box = hostName.get();
        }
        if (!NAME.matcher(box).matches()) {
            throw errors.at(List.of("team", "box"), "\"" + box + "\" is not a valid box name: use letters, digits, '.', '-' and '_'");
        }
        String name = string(t, "name", errors, false);
        if (name == null) {
            name = "default";
        }
        if (!NAME.matcher(name).matches()) {
            throw errors.at(List.of("team", "name"), "\"" + name + "\" is not a valid team name: use letters, digits, '.', '-' and '_'");
        }
        return new TeamSettings(url, auth, secret, box, name);
    }

    private static void checkUrl(String url, Errors errors) throws ConfigException {
        List<String> path = List.of("team", "redis_url");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw errors.at(path, "\"" + url + "\" is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss") || uri.getHost() == null) {
            throw errors.at(path, "expected redis://HOST:PORT/DB or rediss://HOST:PORT/DB (TLS)");
        }
        if (uri.getUserInfo() != null) {
            throw errors.at(path, "the URL holds a user or password: use auth = \"env:VAR\" for the Redis password");
        }
    }

    private static String envVar(Map<String, Object> t, String key, Errors errors, boolean required) throws ConfigException {
        String value = string(t, key, errors, required);
        if (value == null) {
            return null;
        }
        var m = ENV.matcher(value);
        if (!m.matches()) {
            throw errors.at(List.of("team", key), "expected \"env:VAR\" (the value is read from environment variable VAR); never write a secret into the config");
        }
        return m.group(1);
    }

    private static String string(Map<String, Object> t, String key, Errors errors, boolean required) throws ConfigException {
        Object value = t.get(key);
        if (value == null) {
            if (required) {
                throw errors.at(List.of("team"), "missing " + key);
            }
            return null;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw errors.at(List.of("team", key), "expected a string in quotes");
        }
        return s;
    }
}
