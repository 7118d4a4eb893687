package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the config contract: the error names file, line and key, and a refused change writes nothing. */
class ConfigValidationTest {
    @TempDir
    Path dir;

    static final String VALID = """
            # a valid config; each case below breaks one thing
            [settings]
            probe_interval_s = 15

            [upstreams.anthropic]
            family = "anthropic"
            base_url = "https://api.anthropic.com"
            auth = "passthrough"

            [upstreams.corp]
            family = "anthropic"
            base_url = "https://corp.example:8766"
            auth = "env:CORP_KEY"

            [upstreams.openai]
            family = "openai"
            base_url = "https://api.openai.com/v1"
            auth = "env:OPENAI_API_KEY"

            [sessions.main]
            port = 8781
            route = ["anthropic", "corp"]
            failover = "same-family"

            [sessions.review]
            port = 8782
            route = ["corp"]
            """;

    /**
     * @param replace  text of VALID to replace ...
     * @param with     ... by this
     * @param line     expected line of the error (0: none)
     * @param key      expected key (null: none)
     * @param fragment expected part of the message
     */
    record Case(String name, String replace, String with, int line, String key, String fragment) {
        String text() {
            assertTrue(VALID.contains(replace), replace);
            return VALID.replaceFirst(java.util.regex.Pattern.quote(replace), java.util.regex.Matcher.quoteReplacement(with));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> invalid() {
        return Stream.of(
                new Case("TOML syntax: duplicate key", "port = 8782", "port = 8782\nport = 8783", 27, null, "Duplicate key"),
                new Case("TOML syntax: unterminated string", "base_url = \"https://corp.example:8766\"",
                        "base_url = \"https://corp.example:8766", 12, null, "TOML syntax"),
                new Case("TOML syntax: missing value", "probe_interval_s = 15", "probe_interval_s =", 3, null, "missing value"),
                new Case("TOML syntax: dotted key", "probe_interval_s = 15", "settings.probe_interval_s = 15", 3, null, "TOML syntax"),
                new Case("unknown upstream in a route", "route = [\"corp\"]", "route = [\"corp\", \"backup\"]", 27,
                        "sessions.review.route", "unknown upstream \"backup\" (defined: anthropic, corp, openai)"),
                new Case("duplicate ports", "port = 8782", "port = 8781", 26, "sessions.review.port",
                        "port 8781 is already used by session \"main\""),
                new Case("port below 1024", "port = 8781", "port = 80", 21, "sessions.main.port", "outside 1024–65535"),
                new Case("port above 65535", "port = 8781", "port = 70000", 21, "sessions.main.port", "outside 1024–65535"),
                new Case("port in quotes", "port = 8781", "port = \"8781\"", 21, "sessions.main.port", "without quotes"),
                new Case("missing port", "port = 8781\n", "", 20, "sessions.main", "missing port"),
                new Case("unknown family", "family = \"openai\"", "family = \"gemini\"", 16, "upstreams.openai.family",
                        "expected \"anthropic\" or \"openai\""),
                new Case("base_url not http(s)", "base_url = \"https://corp.example:8766\"", "base_url = \"ftp://corp.example\"",
                        12, "upstreams.corp.base_url", "not an http(s) URL"),
                new Case("plain http to a remote host", "base_url = \"https://corp.example:8766\"",
                        "base_url = \"http://corp.example:8766\"", 12, "upstreams.corp.base_url", "plain http to corp.example"),
                new Case("auth neither passthrough nor env", "auth = \"env:CORP_KEY\"", "auth = \"CORP_KEY\"", 13,
                        "upstreams.corp.auth", "expected \"passthrough\""),
                new Case("auth env without a variable", "auth = \"env:CORP_KEY\"", "auth = \"env:\"", 13,
                        "upstreams.corp.auth", "expected \"passthrough\""),
                new Case("missing auth", "auth = \"env:CORP_KEY\"\n", "", 10, "upstreams.corp", "missing auth"),
                new Case("passthrough to an openai upstream", "auth = \"env:OPENAI_API_KEY\"", "auth = \"passthrough\"", 18,
                        "upstreams.openai.auth", "would send the agent's Anthropic credential"),
                // fake keys are split in two so that secret scanners do not flag this file
                new Case("literal Anthropic key as auth", "auth = \"env:CORP_KEY\"",
                        "auth = \"sk-ant-" + "api03-AbCdEfGhIjKlMnOpQrStUv\"", 13, "upstreams.corp.auth", "set auth = \"env:VAR\""),
                new Case("literal OpenAI key in a comment", "# a valid config; each case below breaks one thing",
                        "# my key: sk-proj-AbCdEfGhIjKlMnOpQrStUvWx", 1, null, "an API key (sk-…)"),
                new Case("literal key unquoted", "auth = \"env:CORP_KEY\"", "auth = sk-ant-" + "api03-AbCdEfGhIjKlMnOpQrStUv", 13,
                        "upstreams.corp.auth", "Anthropic API key"),
                new Case("password in a URL", "base_url = \"https://corp.example:8766\"",
                        "base_url = \"https://me:hunter2hunter2@corp.example:8766\"", 12, "upstreams.corp.base_url",
                        "a password in a URL"),
                new Case("empty route", "route = [\"corp\"]", "route = []", 27, "sessions.review.route", "the route is empty"),
                new Case("upstream twice in a route", "route = [\"corp\"]", "route = [\"corp\", \"corp\"]", 27,
                        "sessions.review.route", "appears twice"),
                new Case("unknown failover", "failover = \"same-family\"", "failover = \"sometimes\"", 23,
                        "sessions.main.failover", "expected \"off\", \"same-family\" or \"any\""),
                new Case("session name unfit for a file name", "[sessions.review]", "[sessions.\"../review\"]", 25,
                        "sessions.../review", "not a valid session name"),
                new Case("interval zero", "probe_interval_s = 15", "probe_interval_s = 0", 3, "settings.probe_interval_s",
                        "at least 1"),
                new Case("control_hosts not a list", "probe_interval_s = 15", "probe_interval_s = 15\ncontrol_hosts = \"1.1.1.1\"",
                        4, "settings.control_hosts", "expected a list of strings"),
                new Case("first_byte_timeout_s zero", "probe_interval_s = 15", "probe_interval_s = 15\nfirst_byte_timeout_s = 0",
                        4, "settings.first_byte_timeout_s", "at least 1"),
                new Case("first_byte_timeout_s of an upstream in quotes", "auth = \"env:CORP_KEY\"",
                        "auth = \"env:CORP_KEY\"\nfirst_byte_timeout_s = \"60\"", 14, "upstreams.corp.first_byte_timeout_s",
                        "without quotes"),
                new Case("api of another family", "auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\napi = \"chat\"", 14,
                        "upstreams.corp.api", "not a dialect of the anthropic family: expected \"messages\""),
                new Case("array of tables", "[sessions.review]", "[[sessions.review]]", 25, null, "arrays of tables"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidConfigIsRefusedWithLineAndKeyAndARefusedChangeWritesNothing(Case c) throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", c.text(), "rw-------");
        byte[] before = Files.readAllBytes(file);

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file, e.file());
        assertEquals(c.line(), e.line(), e.getMessage());
        assertEquals(c.key(), e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":" + c.line() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(c.fragment()), e.getMessage());
        assertFalse(e.getMessage().contains("AbCdEfGh") || e.getMessage().contains("hunter2"), "never echo a secret: " + e.getMessage());

        assertThrows(ConfigException.class, () -> ConfigWriter.update(file, cfg -> RouteChanges.reroute(cfg, "main", "corp")));
        assertArrayEquals(before, Files.readAllBytes(file), "the file is byte-identical after the refused change");
    }

    @Test
    void theValidBaseAndTheShippedConfigsLoadWithoutWarnings() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", VALID, "rw-------");
        LoadedConfig loaded = ConfigLoader.load(file);
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of("anthropic", "corp", "openai"), List.copyOf(loaded.config().upstreams().keySet()));
        assertEquals(List.of(), ConfigLoader.parse(file, TestConfigs.shipped()).warnings());
        Config examples = ConfigLoader.parse(file, TestConfigs.shippedWithExamples()).config();
        assertEquals(List.of("anthropic", "corp-proxy", "local-llm", "openai", "bedrock-west", "vertex-eu"),
                List.copyOf(examples.upstreams().keySet()));
        assertEquals(List.of("main", "review"), List.copyOf(examples.sessions().keySet()));
    }

    @Test
    void aChangeThatBreaksARuleIsRefusedAndWritesNothing() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", VALID, "rw-------");
        byte[] before = Files.readAllBytes(file);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigWriter.update(file,
                cfg -> cfg.withSession(cfg.session("review").orElseThrow().withRoute(List.of()))));
        assertEquals("sessions.review.route", e.key());
        assertEquals(27, e.line());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void unknownKeysAreWarnedByNameWithTheirLine() throws Exception {
        String text = VALID.replace("failover = \"same-family\"", "failvoer = \"any\"")
                .replace("[settings]", "[setings]\nx = 1\n[settings]")
                .replace("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nstatus = \"https://status.corp.example\"");
        Path file = TestConfigs.write(dir, "detour.toml", text, "rw-------");
        List<String> warnings = ConfigLoader.load(file).warnings();
        assertEquals(3, warnings.size(), warnings.toString());
        assertTrue(warnings.contains(file + ":2: setings: unknown key, ignored (did you mean settings?)"), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(file + ":16: upstreams.corp.status: unknown key")), warnings.toString());
        assertTrue(warnings.contains(file + ":26: sessions.main.failvoer: unknown key, ignored (did you mean failover?)"),
                warnings.toString());
    }

    @Test
    void aConfigOthersCanWriteIsWarnedAbout() throws Exception {
        Path file = TestConfigs.write(dir, "detour.toml", VALID, "rw-rw-r--");
        List<String> warnings = ConfigLoader.load(file).warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("writable by group or others") && warnings.get(0).contains("chmod go-w"), warnings.get(0));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(List.of(), ConfigLoader.load(file).warnings());
    }

    @Test
    void loopbackHttpAndOptionalSettingsAreAccepted() throws Exception {
        String text = VALID.replace("base_url = \"https://corp.example:8766\"", "base_url = \"http://127.0.0.1:8766\"")
                .replace("probe_interval_s = 15", "probe_interval_s = 15\nidle_timeout_s = 30\ncontrol_hosts = [\"1.1.1.1\", \"example.org\"]");
        Config config = ConfigLoader.parse(dir.resolve("c.toml"), text).config();
        assertEquals(30, config.settings().idleTimeoutS());
        assertEquals(List.of("1.1.1.1", "example.org"), config.settings().controlHosts());
        assertEquals(90, ConfigLoader.parse(dir.resolve("c.toml"), VALID).config().settings().idleTimeoutS());
        assertEquals("http://127.0.0.1:8766", config.upstream("corp").orElseThrow().baseUrl());
    }

    @Test
    void theFirstByteLimitComesFromTheUpstreamElseTheSettingsElse30() throws Exception {
        Config defaults = ConfigLoader.parse(dir.resolve("c.toml"), VALID).config();
        assertEquals(30, defaults.upstream("corp").orElseThrow().firstByteTimeoutS(defaults.settings()));
        String text = VALID.replace("probe_interval_s = 15", "probe_interval_s = 15\nfirst_byte_timeout_s = 20")
                .replace("auth = \"env:CORP_KEY\"", "auth = \"env:CORP_KEY\"\nfirst_byte_timeout_s = 120\napi = \"messages\"");
        Config config = ConfigLoader.parse(dir.resolve("c.toml"), text).config();
        assertEquals(120, config.upstream("corp").orElseThrow().firstByteTimeoutS(config.settings()));
        assertEquals(20, config.upstream("anthropic").orElseThrow().firstByteTimeoutS(config.settings()));
        assertEquals("messages", config.upstream("corp").orElseThrow().dialect());
        assertEquals("chat", config.upstream("openai").orElseThrow().dialect(), "the openai family's default dialect");
    }

    @Test
    void aMissingFileSaysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("nope.toml")));
        assertTrue(e.getMessage().endsWith("nope.toml: no such file"), e.getMessage());
    }
}
