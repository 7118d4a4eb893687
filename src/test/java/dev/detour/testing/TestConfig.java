package dev.detour.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The config texts tests write, built in one place: {@code [settings]} lines, upstreams and sessions, written as a
 * 0600 {@code detour.toml}. Tests about the file's own layout (comments, arrays over several lines) keep their text.
 */
public final class TestConfig {
    private final StringBuilder settings = new StringBuilder();
    private final StringBuilder tables = new StringBuilder();

    private TestConfig() {
    }

    public static TestConfig create() {
        return new TestConfig();
    }

    /**
     * Like the demo's: anthropic (passthrough), corp-proxy (same family) and openai on 127.0.0.1:9001-9003; sessions
     * main (8781: anthropic, corp-proxy, openai), api (8782: anthropic, corp-proxy), docs (8783: corp-proxy, anthropic).
     */
    public static TestConfig demoLike() {
        return create().setting("probe_interval_s = 15")
                .upstream("anthropic", "anthropic", "http://127.0.0.1:9001", "passthrough")
                .upstream("corp-proxy", "anthropic", "http://127.0.0.1:9002", "env:CORP_PROXY_KEY")
                .upstream("openai", "openai", "http://127.0.0.1:9003/v1", "env:OPENAI_API_KEY")
                .session("main", 8781, "anthropic", "corp-proxy", "openai")
                .session("api", 8782, "anthropic", "corp-proxy")
                .session("docs", 8783, "corp-proxy", "anthropic");
    }

    /** One line of {@code [settings]}, e.g. {@code probe_interval_s = 15}. */
    public TestConfig setting(String line) {
        settings.append(line).append('\n');
        return this;
    }

    /** An upstream; {@code extra} lines (e.g. {@code status_page = "..."}) go into its table. */
    public TestConfig upstream(String name, String family, String baseUrl, String auth, String... extra) {
        tables.append("[upstreams.").append(name).append("]\nfamily = \"").append(family)
                .append("\"\nbase_url = \"").append(baseUrl).append("\"\nauth = \"").append(auth).append("\"\n");
        for (String line : extra) {
            tables.append(line).append('\n');
        }
        tables.append('\n');
        return this;
    }

    /** An anthropic upstream that forwards the agent's own credential. */
    public TestConfig anthropic(String name, String baseUrl) {
        return upstream(name, "anthropic", baseUrl, "passthrough");
    }

    public TestConfig session(String name, int port, String... route) {
        return session(name, port, List.of(route));
    }

    /** A session; {@code extra} lines (e.g. {@code failover = "off"}) go into its table. */
    public TestConfig session(String name, int port, List<String> route, String... extra) {
        tables.append("[sessions.").append(name).append("]\nport = ").append(port).append("\nroute = [")
                .append(route.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "))).append("]\n");
        for (String line : extra) {
            tables.append(line).append('\n');
        }
        tables.append('\n');
        return this;
    }

    public String text() {
        return (settings.isEmpty() ? "" : "[settings]\n" + settings + "\n") + tables;
    }

    /** Writes {@code dir/detour.toml}, mode 0600. */
    public Path write(Path dir) throws IOException {
        return write(dir, "detour.toml", "rw-------");
    }

    public Path write(Path dir, String fileName, String mode) throws IOException {
        Path file = dir.resolve(fileName);
        Files.createDirectories(dir);
        Files.writeString(file, text());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
