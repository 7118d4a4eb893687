package dev.detour.supervise;

import com.moandjiezana.toml.Toml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How Codex is pointed at a bridge. Codex ignores {@code OPENAI_BASE_URL} for its built-in provider, so detour
 * defines a custom provider speaking the Responses API: on the command line as {@code -c} overrides (what
 * {@code detour run} adds), or as a {@code config.toml} table with a profile (what {@code detour env --agent codex}
 * prints). Codex sends the key variable's value as {@code Authorization: Bearer}, which a {@code passthrough}
 * Responses upstream forwards; without a key variable it sends no credential at all. Pure.
 */
public final class CodexProvider {
    /** The variable Codex users keep their OpenAI key in. */
    public static final String KEY_VAR = "OPENAI_API_KEY";

    private CodexProvider() {
    }

    /** The provider's id for a session: {@code detour-SESSION}. */
    public static String id(String session) {
        return "detour-" + session;
    }

    /** The Responses base URL for a bridge URL ({@code …/t/TOKEN} → {@code …/t/TOKEN/v1}). */
    public static String baseUrl(String bridgeUrl) {
        return (bridgeUrl.endsWith("/") ? bridgeUrl.substring(0, bridgeUrl.length() - 1) : bridgeUrl) + "/v1";
    }

    /** Whether a command line runs Codex (the program is {@code codex}, directly or by path). */
    public static boolean isCodex(List<String> command) {
        return !command.isEmpty() && AgentClassifier.baseName(command.get(0)).equals("codex");
    }

    /**
     * The command with the provider's {@code -c} overrides right after the program, where both {@code codex} and
     * {@code codex exec} read them.
     *
     * @param keyVar the variable Codex should read its key from, or null to send no credential
     */
    public static List<String> withOverrides(List<String> command, String session, String bridgeUrl, String keyVar) {
        String id = id(session);
        String table = "model_providers." + id + ".";
        List<String> out = new ArrayList<>(command.size() + 12);
        out.add(command.get(0));
        for (String setting : List.of("model_provider=" + id, table + "name=detour " + session,
                table + "base_url=" + baseUrl(bridgeUrl), table + "wire_api=responses")) {
            out.add("-c");
            out.add(setting);
        }
        if (keyVar != null) {
            out.add("-c");
            out.add(table + "env_key=" + keyVar);
        }
        out.addAll(command.subList(1, command.size()));
        return out;
    }

    /** The {@code config.toml} tables for people who start Codex themselves ({@code codex -p detour-SESSION}). */
    public static String configToml(String session, String bridgeUrl, String keyVar) {
        String id = id(session);
        return "# Codex through the detour session \"" + session + "\": add this to ~/.codex/config.toml and run\n"
                + "# `codex -p " + id + "` (or put model_provider = \"" + id + "\" at the top of the file for every run).\n"
                + "[model_providers." + id + "]\n"
                + "name = \"detour " + session + "\"\n"
                + "base_url = \"" + baseUrl(bridgeUrl) + "\"\n"
                + "wire_api = \"responses\"\n"
                + (keyVar == null ? "" : "env_key = \"" + keyVar + "\"\n")
                + "\n[profiles." + id + "]\n"
                + "model_provider = \"" + id + "\"\n";
    }

    /**
     * The base URL a Codex process uses for its model provider: from its {@code -c} overrides, else from its
     * {@code config.toml} (null when there is none, or when it uses the built-in provider).
     *
     * @param configToml the text of its {@code $CODEX_HOME/config.toml}, or null when unreadable
     */
    public static String baseUrlOf(List<String> argv, String configToml) {
        String provider = null;
        Map<String, String> overrides = new java.util.HashMap<>();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            String setting = arg.equals("-c") || arg.equals("--config") ? (i + 1 < argv.size() ? argv.get(++i) : "")
                    : arg.startsWith("--config=") ? arg.substring("--config=".length()) : null;
            if (setting == null) {
                continue;
            }
            int eq = setting.indexOf('=');
            if (eq > 0) {
                overrides.put(setting.substring(0, eq).trim(), unquote(setting.substring(eq + 1).trim()));
            }
        }
        Toml config = null;
        if (configToml != null) {
            try {
                config = new Toml().read(configToml);
            } catch (RuntimeException unreadable) {
                config = null; // TOML that TOML4J cannot read: only the command line counts
            }
        }
        provider = overrides.get("model_provider");
        if (provider == null && config != null) {
            provider = config.getString("model_provider");
        }
        if (provider == null) {
            return null;
        }
        String url = overrides.get("model_providers." + provider + ".base_url");
        if (url == null && config != null) {
            Toml table = config.getTable("model_providers");
            Toml entry = table == null ? null : table.getTable(provider);
            url = entry == null ? null : entry.getString("base_url");
            if (url == null && table != null) {
                Map<String, Object> raw = table.toMap();
                Object quoted = raw.get("\"" + provider + "\"");
                url = quoted instanceof Map<?, ?> m && m.get("base_url") instanceof String s ? s : null;
            }
        }
        return url;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))
                ? value.substring(1, value.length() - 1) : value;
    }
}
