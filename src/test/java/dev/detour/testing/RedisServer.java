package dev.detour.testing;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on 127.0.0.1 and a free port, without persistence, for one test class; killed by pid
 * on {@link #close()} (and by {@link #kill()} in fault tests). Tests that need it skip when it is not installed.
 */
public final class RedisServer implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extra;
    private Process process;

    private RedisServer(Path dir, int port, List<String> extra) {
        this.dir = dir;
        this.port = port;
        this.extra = List.copyOf(extra);
    }

    /** Skips the calling test class unless redis-server is installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(binary() != null, "redis-server is not installed (scripts/test installs it with "
                + "apt-get when it runs as root): skipping the team-mode tests");
    }

    static String binary() {
        for (String dirName : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dirName, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : null;
    }

    public static RedisServer start(Path dir) throws IOException, InterruptedException {
        assumeInstalled();
        RedisServer server = new RedisServer(dir, FreePort.pick(), List.of());
        server.launch();
        return server;
    }

    /**
     * A server that also serves TLS on {@code tlsPort} with this certificate (clients need not show one); the plain
     * port stays for the test's own checks. Skips the calling test when this redis-server was built without TLS.
     */
    public static RedisServer startTls(Path dir, int tlsPort, Path certPem, Path keyPem, Path caPem)
            throws IOException, InterruptedException {
        assumeInstalled();
        RedisServer server = new RedisServer(dir, FreePort.pick(), List.of("--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", certPem.toString(), "--tls-key-file", keyPem.toString(),
                "--tls-ca-cert-file", caPem.toString(), "--tls-auth-clients", "no"));
        try {
            server.launch();
        } catch (AssertionError e) {
            String log = server.output();
            Assumptions.assumeFalse(log.contains("TLS") && log.toLowerCase(java.util.Locale.ROOT).contains("not"),
                    "this redis-server has no TLS support (" + log.strip() + "): skipping the rediss:// test");
            throw e;
        }
        return server;
    }

    private String output() throws IOException {
        Path out = dir.resolve("redis-" + port + ".out");
        Path log = dir.resolve("redis-" + port + ".log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    }

    /** Starts it again on the same port, empty (what a restart without persistence, or a flush, leaves). */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("redis-" + port + ".log");
        List<String> cmd = new java.util.ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no",
                "--enable-debug-command", "local", "--logfile", log.toString()));
        cmd.addAll(extra);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".out").toFile()).start();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try (Jedis j = client()) {
                    if ("PONG".equals(j.ping())) {
                        return;
                    }
                } catch (RuntimeException notYet) {
                    Thread.sleep(50);
                }
            }
            if (System.nanoTime() >= deadline) {
                kill();
                throw new AssertionError("redis-server did not start on port " + port + ": " + tail(log));
            }
            Thread.sleep(200);
        }
    }

    private static String tail(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    public Jedis client() {
        return new Jedis("127.0.0.1", port, 2000);
    }

    /** SIGKILL by pid, waited for. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
