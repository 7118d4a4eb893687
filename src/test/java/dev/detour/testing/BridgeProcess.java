package dev.detour.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code detour bridge SESSION --config FILE} as a child process with its own state folder ({@code XDG_STATE_HOME}),
 * started and waited for (bounded) until its stats answer.
 */
public final class BridgeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final DetourProcess process;
    private final Path stateHome;
    private final int port;
    private final String token;

    private BridgeProcess(DetourProcess process, Path stateHome, int port, String token) {
        this.process = process;
        this.stateHome = stateHome;
        this.port = port;
        this.token = token;
    }

    /**
     * Starts the bridge; when another process took {@code port} since it was picked (tests of other helpers run at
     * the same time), the config's {@code port = PORT} line is moved to a new free port and the start retried.
     * Use {@link #port()} for the port it got.
     *
     * @param stateHome becomes {@code XDG_STATE_HOME}; the token is {@code stateHome/detour/bridges/SESSION.token}
     * @param env       extra environment (e.g. upstream key variables)
     */
    public static BridgeProcess start(Path config, String session, int port, Path stateHome, Map<String, String> env,
                                      String... extraArgs) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(config, session, port, stateHome, env, extraArgs);
            } catch (PortTaken taken) {
                if (attempt == 5) {
                    throw new AssertionError("detour bridge found its port taken 5 times: " + taken.getMessage());
                }
                int next = FreePort.pick();
                String text = Files.readString(config);
                String moved = text.replaceFirst("(?m)^port\\s*=\\s*" + port + "\\s*$", "port = " + next);
                if (moved.equals(text)) {
                    throw new AssertionError("port " + port + " is taken and the config has no 'port = " + port + "' line");
                }
                Files.writeString(config, moved);
                port = next;
            }
        }
    }

    private static final class PortTaken extends IOException {
        PortTaken(String message) {
            super(message);
        }
    }

    private static BridgeProcess startOnce(Path config, String session, int port, Path stateHome, Map<String, String> env,
                                           String... extraArgs) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_STATE_HOME", stateHome.toString());
        Files.createDirectories(stateHome);
        Path out = Files.createTempFile(stateHome, "bridge-" + session, ".out");
        String[] args = new String[4 + extraArgs.length];
        args[0] = "bridge";
        args[1] = session;
        args[2] = "--config";
        args[3] = config.toString();
        System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
        DetourProcess p = DetourProcess.start(all, out, args);
        Path tokenFile = stateHome.resolve("detour").resolve("bridges").resolve(session + ".token");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline && p.process().isAlive()) {
            if (Files.exists(tokenFile)) {
                String token = Files.readString(tokenFile).trim();
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/t/" + token + "/_detour/stats"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return new BridgeProcess(p, stateHome, port, token);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(50);
        }
        String output = p.output();
        p.close();
        if (output.contains("cannot listen on 127.0.0.1:" + port)) {
            throw new PortTaken(output);
        }
        throw new AssertionError("detour bridge did not start: " + output);
    }

    /** The base URL agents use: {@code http://127.0.0.1:PORT/t/TOKEN}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/t/" + token;
    }

    public String token() {
        return token;
    }

    public int port() {
        return port;
    }

    public Path stateDir() {
        return stateHome.resolve("detour");
    }

    public DetourProcess process() {
        return process;
    }

    /** {@code GET /_detour/stats} as text. */
    public String stats() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_detour/stats")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        process.close();
    }
}
