package dev.detour.config;

import com.moandjiezana.toml.Toml;
import dev.detour.wire.Secrets;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a config file: TOML syntax (TOML4J), then every rule of the config contract. Errors name the file, the
 * line and the key; warnings (unknown keys, a file others can write) come back with the result.
 */
public final class ConfigLoader {
    private static final Pattern TOML4J_LINE = Pattern.compile("\\s*on line (\\d+)[:.]?");
    /** A config is a few KB; anything this large is not one (and would only cost memory and time to read). */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The longest value: a route or a model map of hundreds of entries stays far below. */
    static final int MAX_VALUE_CHARS = 16 * 1024;

    /** What the last {@link #load} parsed, for {@link #parseAgain}. */
    private static volatile LoadedConfig lastLoaded;

    private ConfigLoader() {
    }

    /**
     * Starts setting up the parsers on a thread of their own (TOML4J creates a Gson when its class loads; the
     * credential patterns compile), for a load that follows in a fresh JVM: a third of a first load, done on the other
     * core meanwhile.
     */
    public static void prepare() {
        Thread thread = new Thread(ConfigLoader::setUpParsers, "config-parsers");
        thread.setDaemon(true);
        thread.start();
    }

    private static void setUpParsers() {
        Secrets.find("");
        new Toml();
    }

    public static LoadedConfig load(Path file) throws ConfigException {
        String text = read(file);
        LoadedConfig parsed = parse(file, text);
        lastLoaded = parsed;
        List<String> warnings = new ArrayList<>(parsed.warnings());
        permissionWarning(file).ifPresent(w -> warnings.add(0, w));
        return new LoadedConfig(file, parsed.config(), text, warnings);
    }

    static String read(Path file) throws ConfigException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(file, Files.size(file));
            }
            return decode(file, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "no such file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot read: " + e.getMessage());
        }
    }

    static String decode(Path file, byte[] bytes) throws ConfigException {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(file, bytes.length);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, null, "not UTF-8 text");
        }
    }

    static ConfigException tooLarge(Path file, long bytes) {
        return new ConfigException(file, 0, null, "the file has " + bytes + " bytes; a config is a few KB and detour "
                + "reads none over " + MAX_BYTES / (1024 * 1024) + " MiB");
    }

    /** Parses and checks {@code text} as the content of {@code file} (which is only used in messages). */
    public static LoadedConfig parse(Path file, String text) throws ConfigException {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(file, text.length());
        }
        refuseLiteralSecrets(file, text);
        TomlLayout layout = null;
        TomlLayout.SyntaxError layoutError = null;
        try {
            layout = TomlLayout.scan(text);
            refuseLongValues(file, layout);
        } catch (TomlLayout.TooDeep e) {
            throw new ConfigException(file, e.line(), null, "TOML syntax: " + e.getMessage());
        } catch (TomlLayout.SyntaxError e) {
            layoutError = e;
        }
        Map<String, Object> tree;
        try {
            tree = unquoteKeys(layout != null && text.length() > TomlChunks.CHUNK_CHARS
                    ? TomlChunks.parse(layout, TomlChunks.CHUNK_CHARS) : new Toml().read(text).toMap());
        } catch (TomlChunks.ParseError e) {
            throw syntaxError(file, e.line(), e.getMessage());
        } catch (RuntimeException e) {
            throw syntaxError(file, 0, e.getMessage());
        } catch (StackOverflowError e) {
            throw new ConfigException(file, 0, null, "TOML syntax: too deeply nested to read");
        }
        if (layoutError != null) {
            throw new ConfigException(file, layoutError.line(), null, "TOML syntax: " + layoutError.getMessage());
        }
        ConfigReader reader = new ConfigReader(file, layout);
        Config config = reader.read(tree);
        return new LoadedConfig(file, config, text, reader.warnings());
    }

    /**
     * {@link #parse}, giving back what the last {@link #load} of {@code file} parsed when {@code text} is what it read:
     * a command that changes the config loads it for itself just before its writer reads it again (parsing is pure;
     * a config is immutable).
     */
    static LoadedConfig parseAgain(Path file, String text) throws ConfigException {
        LoadedConfig last = lastLoaded;
        return last != null && last.file().equals(file) && last.text().equals(text) ? last : parse(file, text);
    }

    /** Runs before the TOML parser, whose messages quote the offending text: a key must never reach a message. */
    private static void refuseLiteralSecrets(Path file, String text) throws ConfigException {
        Secrets.Finding secret = Secrets.find(text).orElse(null);
        if (secret == null) {
            return;
        }
        String key = null;
        int line = (int) text.substring(0, secret.offset()).chars().filter(c -> c == '\n').count() + 1;
        try {
            key = keyOnLine(TomlLayout.scan(text), line);
        } catch (TomlLayout.SyntaxError unreadable) {
            // the line alone says where it is
        }
        throw new ConfigException(file, line, key,
                "this looks like " + secret.kind() + " written into the config; keys must not be stored here: "
                        + "put it in an environment variable and set auth = \"env:VAR\"");
    }

    private static void refuseLongValues(Path file, TomlLayout layout) throws ConfigException {
        for (TomlLayout.Entry e : layout.entries()) {
            if (e.valueEnd() - e.valueStart() > MAX_VALUE_CHARS) {
                throw new ConfigException(file, e.line(), String.join(".", e.path()), "a value of "
                        + (e.valueEnd() - e.valueStart()) + " characters; detour reads none over " + MAX_VALUE_CHARS);
            }
        }
    }

    /** @param lineOffset lines before the text TOML4J read (it was a piece of the file) */
    private static ConfigException syntaxError(Path file, int lineOffset, String error) {
        String message = String.valueOf(error).strip().lines().findFirst().orElse("").strip();
        Matcher m = TOML4J_LINE.matcher(message);
        if (m.find()) {
            String detail = (message.substring(0, m.start()) + ": " + message.substring(m.end()).strip())
                    .replaceAll(":\\s*$", "");
            return new ConfigException(file, lineOffset + Integer.parseInt(m.group(1)), null, "TOML syntax: " + detail);
        }
        return new ConfigException(file, lineOffset, null, "TOML syntax: " + message);
    }

    /** TOML4J keeps the quotes of quoted keys ({@code [sessions."a b"]}); the model uses the key itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> unquoteKeys(Map<String, Object> table) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Object> e : table.entrySet()) {
            String key = e.getKey();
            if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
                key = key.substring(1, key.length() - 1);
            }
            Object value = e.getValue() instanceof Map<?, ?> child ? unquoteKeys((Map<String, Object>) child) : e.getValue();
            out.put(key, value);
        }
        return out;
    }

    private static String keyOnLine(TomlLayout layout, int line) {
        for (TomlLayout.Entry e : layout.entries()) {
            if (line >= e.line() && line <= layout.lineOf(Math.max(e.valueStart(), e.valueEnd() - 1))) {
                return String.join(".", e.path());
            }
        }
        return null;
    }

    private static java.util.Optional<String> permissionWarning(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                return java.util.Optional.of(file + ": writable by group or others, so someone else could reroute your "
                        + "agents' traffic; run: chmod go-w " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no POSIX permissions to check on this file system
        }
        return java.util.Optional.empty();
    }
}
