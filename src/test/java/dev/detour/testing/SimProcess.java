package dev.detour.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code detour sim} child process on a free port (it picks one itself: {@code --port 0}), with its control
 * endpoints at hand: {@link #fault} switches the fault, {@link #requests} returns the recorded requests as JSON text.
 */
public final class SimProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final DetourProcess process;
    private final int port;

    private SimProcess(DetourProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code detour sim --port 0 --family FAMILY --name NAME} and waits (bounded) until it listens. */
    public static SimProcess start(Path dir, String family, String name) throws IOException, InterruptedException {
        return startWith(dir, name, "--family", family);
    }

    /** Starts {@code detour sim --port 0 --name NAME ARGS...} (e.g. {@code --family openai --api responses}). */
    public static SimProcess startWith(Path dir, String name, String... args) throws IOException, InterruptedException {
        return start(dir, Map.of(), name, args);
    }

    /**
     * Starts {@code detour sim --port 0 --name NAME ARGS...} with {@code env} added (e.g. {@code --api bedrock} with the
     * AWS keys it accepts) and waits (bounded) until it listens.
     */
    public static SimProcess start(Path dir, Map<String, String> env, String name, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "sim-" + name, ".out");
        List<String> command = new ArrayList<>(List.of("sim", "--port", "0", "--name", name));
        command.addAll(List.of(args));
        DetourProcess p = DetourProcess.start(env, out, command.toArray(String[]::new));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return new SimProcess(p, Integer.parseInt(m.group(1)));
            }
            if (!p.process().isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        String output = Files.readString(out);
        p.close();
        throw new AssertionError("detour sim did not start: " + output);
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Switches the fault, e.g. {@code {"mode":"status","status":529}}; see {@code detour sim --help}. */
    public void fault(String json) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sim/fault"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("sim refused fault " + json + ": " + r.body());
        }
    }

    /** {@code GET /_sim/requests}: {@code {"count":N,"requests":[...]}} as text. */
    public String requests() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sim/requests")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** How many API requests the sim received. */
    public int count() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(requests());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Forgets the recorded requests and resets the count. */
    public void clear() throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/_sim/requests/clear")).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.close();
    }
}
