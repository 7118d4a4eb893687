package dev.detour.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/** Config texts for tests: the shipped file, and the shipped file with its commented examples switched on. */
public final class TestConfigs {
    private static final Pattern EXAMPLE_LINE = Pattern.compile("(?m)^# (?=\\[[a-z]|[a-z_]+ = )");

    private TestConfigs() {
    }

    public static String shipped() {
        return ShippedConfig.text();
    }

    /** The shipped config with every commented example table uncommented: six upstreams, two sessions. */
    public static String shippedWithExamples() {
        return EXAMPLE_LINE.matcher(shipped()).replaceAll("");
    }

    public static Path write(Path dir, String name, String text, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
