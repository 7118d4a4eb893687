package dev.detour.install;

import dev.detour.wire.BridgeClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the class-data-sharing archive of an installed detour (AppCDS, a static archive): runs the commands people
 * type in an incident ({@code --version}, {@code status}, {@code reroute}, with and without a bridge up), a bridge
 * serving a plain and a streamed request through a sim, and the dashboard up to its first frames (in a terminal
 * made by {@code script}, where there is one), each recording the classes it loads; then dumps the union
 * into one archive. The launcher maps it into every detour JVM, and bridges started by detour inherit it, so they
 * share its pages. Run by scripts/install and, for the jar of a checkout, scripts/detour:
 * {@code java -cp JAR dev.detour.install.ClassDataArchive JAVA JAR ARCHIVE}.
 */
public final class ClassDataArchive {
    private static final Pattern SIM_ADDRESS = Pattern.compile(":(\\d+)");
    private static final long STEP_TIMEOUT_S = 180;
    private static final long DASHBOARD_TIMEOUT_S = 60;

    private final String java;
    private final Path jar;
    private final Path work;
    private final Map<String, String> env;
    private int runs;

    private ClassDataArchive(String java, Path jar, Path work) {
        this.java = java;
        this.jar = jar;
        this.work = work;
        this.env = Map.of("DETOUR_CONFIG", work.resolve("detour.toml").toString(),
                "XDG_STATE_HOME", work.resolve("state").toString(), "XDG_CONFIG_HOME", work.resolve("config").toString());
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -cp JAR " + ClassDataArchive.class.getName() + " JAVA JAR ARCHIVE");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("detour-cds");
        try {
            ClassDataArchive training = new ClassDataArchive(args[0], Path.of(args[1]).toAbsolutePath(), work);
            Path classList = training.recordClassList();
            training.dump(classList, Path.of(args[2]).toAbsolutePath());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private Path recordClassList() throws Exception {
        int bridgePort = freePort();
        Process sim = start("sim", "--port", "0", "--name", "training");
        try {
            int simPort = Integer.parseInt(awaitLine(work.resolve("run-" + runs + ".out"), SIM_ADDRESS, sim).group(1));
            String loopback = InetAddress.getLoopbackAddress().getHostAddress();
            Files.writeString(work.resolve("detour.toml"), String.join("\n",
                    "[upstreams.one]", "family = \"anthropic\"", "base_url = \"http://" + loopback + ":" + simPort + "\"",
                    "auth = \"passthrough\"", "", "[upstreams.two]", "family = \"anthropic\"",
                    "base_url = \"http://" + loopback + ":" + simPort + "\"", "auth = \"passthrough\"", "",
                    "[sessions.training]", "port = " + bridgePort, "route = [\"one\", \"two\"]", ""));
            for (List<String> command : List.of(List.of("--version"), List.of("--help"), List.of("status", "--no-health"),
                    List.of("status", "--no-health", "--json"), List.of("reroute", "training", "--to", "two"),
                    List.of("env", "training"))) {
                run(command.toArray(String[]::new));
            }
            Process bridge = start("bridge", "training");
            try {
                awaitAccept(bridgePort, bridge);
                String base = BridgeClient.baseUrl(bridgePort, awaitToken());
                post(base + "/v1/messages", false);
                post(base + "/v1/messages", true);
                run("status", "--no-health");
                run("reroute", "training", "--to", "one");
                trainDashboard();
            } finally {
                stop(bridge);
            }
        } finally {
            stop(sim);
        }
        Set<String> union = new LinkedHashSet<>();
        for (int i = 1; i <= runs; i++) {
            Path list = work.resolve("run-" + i + ".classlist");
            if (Files.exists(list)) {
                Files.readAllLines(list).stream().filter(ClassDataArchive::archivable).forEach(union::add);
            }
        }
        return Files.write(work.resolve("detour.classlist"), union);
    }

    /**
     * picocli is compiled for Java 5: resolving a lambda that implements one of its interfaces at dump time links
     * that old class, and CDS then leaves out it and every picocli class that refers to it, CommandLine included.
     */
    private static boolean archivable(String classListLine) {
        return !(classListLine.startsWith("@lambda-proxy") && classListLine.contains("Lpicocli/"));
    }

    private void dump(Path classList, Path archive) throws Exception {
        Files.deleteIfExists(archive);
        Process dump = new ProcessBuilder(java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("dump.out").toFile()).start();
        if (!dump.waitFor(STEP_TIMEOUT_S * 3, TimeUnit.SECONDS) || dump.exitValue() != 0 || !Files.exists(archive)) {
            dump.destroyForcibly();
            throw new IllegalStateException("the class-data dump failed:\n" + Files.readString(work.resolve("dump.out")));
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java, classListOption(), "-cp", jar.toString(), "dev.detour.Main"));
        command.addAll(List.of(args));
        return start(command, false);
    }

    /** The option that makes the next run record the classes it loads. */
    private String classListOption() {
        return "-XX:DumpLoadedClassList=" + work.resolve("run-" + (runs + 1) + ".classlist");
    }

    /** Starts the next run, its output in {@code run-N.out}; its input is a pipe when {@code keys}, else empty. */
    private Process start(List<String> command, boolean keys) throws IOException {
        runs++;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("run-" + runs + ".out").toFile());
        if (!keys) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The dashboard, in a terminal made by {@code script(1)}; skipped where there is none (it then starts unarchived). */
    private void trainDashboard() throws Exception {
        List<String> command = DashboardTraining.command(java, classListOption(), jar);
        if (command != null) {
            Process dashboard = start(command, true);
            try {
                DashboardTraining.drive(dashboard, work.resolve("run-" + runs + ".out"), DASHBOARD_TIMEOUT_S);
            } finally {
                stop(dashboard);
            }
        }
    }

    private void run(String... args) throws Exception {
        Process process = start(args);
        if (!process.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("detour " + String.join(" ", args) + " did not finish in " + STEP_TIMEOUT_S + " s");
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static Matcher awaitLine(Path output, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_S);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher matcher = pattern.matcher(Files.exists(output) ? Files.readString(output) : "");
            if (matcher.find()) {
                return matcher;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no " + pattern + " in " + output + ": " + (Files.exists(output) ? Files.readString(output) : ""));
    }

    private static void awaitAccept(int port, Process bridge) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_S);
        while (System.nanoTime() < deadline && bridge.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the training bridge did not accept connections on port " + port);
    }

    private String awaitToken() throws Exception {
        Path token = work.resolve("state/detour/bridges/training.token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_S);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(token) ? Files.readString(token).trim() : "";
            if (!text.isEmpty()) {
                return text;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the training bridge wrote no token to " + token);
    }

    private static void post(String url, boolean stream) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        connection.setRequestProperty("content-type", "application/json");
        connection.setRequestProperty("anthropic-version", "2023-06-01");
        connection.setRequestProperty("x-api-key", "training-" + "placeholder");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32,\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"training\"}]}").getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
