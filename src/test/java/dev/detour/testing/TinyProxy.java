package dev.detour.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP proxy (Debian's tinyproxy) on a free loopback port, in the foreground, killed by its pid on close.
 * Tests that need it skip when it is not installed ({@code scripts/test} installs it when it can).
 */
public final class TinyProxy implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/tinyproxy");

    private final Process process;
    private final int port;
    private final Path log;

    private TinyProxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    public static String missing() {
        return "tinyproxy is not installed (scripts/test installs it with apt-get when it runs as root)";
    }

    /** @param basicAuth {@code "user password"} to require proxy authentication, or null */
    public static TinyProxy start(Path dir, String basicAuth) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = FreePort.pick();
        Path log = dir.resolve("tinyproxy.log");
        Path conf = dir.resolve("tinyproxy.conf");
        Files.writeString(conf, "Port " + port + "\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\n"
                + "LogFile \"" + log + "\"\nLogLevel Connect\nAllow 127.0.0.1\n"
                + (basicAuth == null ? "" : "BasicAuth " + basicAuth + "\n"));
        Process p = new ProcessBuilder(BINARY.toString(), "-d", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        TinyProxy proxy = new TinyProxy(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("tinyproxy exited at once: " + Files.readString(dir.resolve("tinyproxy.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        proxy.close();
        throw new IOException("tinyproxy did not listen on " + port + " within 10 s");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** What the proxy logged so far (each CONNECT is logged with its target). */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
