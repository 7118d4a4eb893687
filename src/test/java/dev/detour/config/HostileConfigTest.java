package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configs written to break the reader: deep nesting, huge files and values, names that only look like loopback. */
class HostileConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"http://127.attacker.example", "http://127.0.0.1.attacker.example:80",
            "http://1270.0.0.1", "http://127.0.0.256", "http://localhost.attacker.example", "http://0x7f000001"})
    void plainHttpIsRefusedForNamesThatOnlyLookLikeLoopback(String url) {
        String text = ConfigValidationTest.VALID.replace("https://corp.example:8766", url);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(dir.resolve("c.toml"), text));
        assertEquals("upstreams.corp.base_url", e.key(), e.getMessage());
        assertEquals(12, e.line());
        assertTrue(e.getMessage().contains("plain http") || e.getMessage().contains("is not an http(s) URL"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8766", "http://127.1.2.3", "http://127.255.255.255:1",
            "http://localhost:9", "http://[::1]:8766"})
    void plainHttpToLoopbackIsAccepted(String url) throws Exception {
        String text = ConfigValidationTest.VALID.replace("https://corp.example:8766", url);
        assertEquals(url, ConfigLoader.parse(dir.resolve("c.toml"), text).config().upstream("corp").orElseThrow().baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[", "{a="})
    void deepNestingIsAnErrorWithItsLineEvenOnASmallStack(String open) throws Exception {
        String close = open.equals("[") ? "]" : "}";
        String value = open.repeat(1000) + (open.equals("[") ? "" : "1") + close.repeat(1000);
        Path file = TestConfigs.write(dir, "deep.toml", ConfigValidationTest.VALID + "\n[extra]\nx = " + value + "\n",
                "rw-------");
        byte[] before = Files.readAllBytes(file);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                ConfigLoader.load(file);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join(60_000);
        ConfigException e = assertInstanceOf(ConfigException.class, thrown.get());
        assertEquals(30, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ":30: TOML syntax: "), e.getMessage());
        assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "corp")));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws Exception {
        StringBuilder text = new StringBuilder(ConfigValidationTest.VALID);
        while (text.length() <= ConfigLoader.MAX_BYTES) {
            text.append("# padding ").append("x".repeat(100)).append('\n');
        }
        Path file = TestConfigs.write(dir, "huge.toml", text.toString(), "rw-------");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ": the file has "), e.getMessage());
        assertTrue(e.getMessage().contains("reads none over 2 MiB"), e.getMessage());
    }

    @Test
    void aHugeValueIsRefusedWithItsLineAndKey() {
        String text = ConfigValidationTest.VALID.replace("route = [\"corp\"]",
                "route = [\"corp\"" + ", \"corp\"".repeat(5000) + "]");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(dir.resolve("c.toml"), text));
        assertEquals("sessions.review.route", e.key());
        assertEquals(27, e.line());
    }

    /** A large config is read piece by piece (linear time); the pieces must give exactly what one read gives. */
    @Test
    void readingInPiecesGivesWhatOneReadGives() throws Exception {
        StringBuilder text = new StringBuilder(TestConfigs.shippedWithExamples());
        for (int i = 0; i < 400; i++) {
            text.append("\n# upstream ").append(i).append("\n[upstreams.\"u-").append(i).append("\"]\nfamily = \"anthropic\"\n")
                    .append("base_url = \"https://u").append(i).append(".example\"\nauth = \"passthrough\"\n")
                    .append("models = { opus = \"m").append(i).append("\", sonnet = \"s\" }\n");
        }
        TomlLayout layout = TomlLayout.scan(text.toString());
        Object whole = new com.moandjiezana.toml.Toml().read(text.toString()).toMap();
        for (int chunk : List.of(1, 200, 4096)) {
            assertEquals(unquoted(whole), TomlChunks.parse(layout, chunk), "pieces of " + chunk);
        }
        Config config = ConfigLoader.parse(dir.resolve("big.toml"), text.toString()).config();
        int shipped = ConfigLoader.parse(dir.resolve("shipped.toml"), TestConfigs.shippedWithExamples()).config().upstreams().size();
        assertEquals(shipped + 400, config.upstreams().size());
        assertEquals("m399", config.upstream("u-399").orElseThrow().models().get("opus"));
    }

    @Test
    void aKeyDefinedTwiceInDifferentPiecesIsStillAnError() throws Exception {
        String text = ConfigValidationTest.VALID + "\n# a long comment " + "x".repeat(TomlChunks.CHUNK_CHARS) + "\n"
                + "[upstreams.corp]\nfamily = \"anthropic\"\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(dir.resolve("c.toml"), text));
        assertTrue(e.getMessage().contains("TOML syntax: Duplicate table [upstreams.corp]"), e.getMessage());
        assertEquals(30, e.line());
        String key = ConfigValidationTest.VALID.replace("port = 8782", "port = 8782\n# " + "x".repeat(TomlChunks.CHUNK_CHARS)
                + "\nport = 8783");
        ConfigException k = assertThrows(ConfigException.class, () -> ConfigLoader.parse(dir.resolve("c.toml"), key));
        assertTrue(k.getMessage().contains("Duplicate key sessions.review.port"), k.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Object unquoted(Object tree) {
        if (!(tree instanceof java.util.Map<?, ?> map)) {
            return tree;
        }
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        ((java.util.Map<String, Object>) map).forEach((k, v) -> out.put(
                k.startsWith("\"") && k.endsWith("\"") ? k.substring(1, k.length() - 1) : k, unquoted(v)));
        return out;
    }
}
