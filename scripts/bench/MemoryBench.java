import dev.detour.supervise.BridgeLauncher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of bridges with 1, 5 and 10 sessions up, private (USS) and proportional (PSS) per bridge from
 * /proc/PID/smaps_rollup, idle and after a concurrent streaming load on each, and bridge start to first accepted
 * connection; for the JVM options bridges run with (supervise/BridgeLauncher) without and with the installed
 * class-data archive, and with C1 only instead of the launcher's early C2. Memory is measured one variant at a time
 * (bridges of another variant would share the archive's pages and lower PSS); start times are taken in interleaved
 * rounds (one bridge of each variant in turn), so that load on the machine hits every variant alike.
 * Run by scripts/bench-memory: java -cp JAR scripts/bench/MemoryBench.java PREFIX [STREAMS] [START_ROUNDS]
 * BENCH_BASELINE_PREFIX=DIR adds the bridges of another install (e.g. main's, by scripts/install --prefix DIR) with
 * that build's own JVM options and archive, as one more variant.
 */
public class MemoryBench {
    static final List<Process> CHILDREN = new ArrayList<>();
    static final int SESSIONS = 10;
    /**
     * When each bridge is measured after its own load: at once (its connection threads still up), and once it has been
     * quiet long enough for its idle threads to end and its heap to be collected (bridge/IdleTrim, 0.8 s).
     */
    static final int[] AFTER_LOAD_S = {1, 6};

    public static void main(String[] args) throws Exception {
        Path prefix = Path.of(args[0]).toAbsolutePath();
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int startRounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path jar = prefix.resolve("lib/detour/detour.jar");
        Path archive = prefix.resolve("lib/detour/detour.jsa");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        })));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path tmp = Files.createTempDirectory("bench-memory");
        Process sim = start(tmp.resolve("sim.out"), System.getenv(), java, "-XX:+UseSerialGC", "-cp", jar.toString(),
                "dev.detour.Main", "sim", "--port", "0", "--name", "bench");
        int simPort = Integer.parseInt(waitFor(tmp.resolve("sim.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)"), sim));

        List<String> archiveOptions = List.of("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0", "-Xlog:cds=off");
        Map<String, String> env = BridgeLauncher.environment(System.getenv(), tmp.resolve("state/detour"));
        Map<String, String> glibcDefault = new HashMap<>(env);
        glibcDefault.keySet().removeAll(BridgeLauncher.MALLOC_ENV.keySet());
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("no app archive", new Variant(BridgeLauncher.JVM_OPTIONS, env));
        variants.put("archive (shipped)", new Variant(concat(BridgeLauncher.JVM_OPTIONS, archiveOptions), env));
        variants.put("archive, C1 only", new Variant(concat(BridgeLauncher.JVM_OPTIONS,
                concat(List.of("-XX:TieredStopAtLevel=1"), archiveOptions)), env));
        variants.put("archive, glibc arenas", new Variant(concat(BridgeLauncher.JVM_OPTIONS, archiveOptions), glibcDefault));
        String baseline = System.getenv("BENCH_BASELINE_PREFIX");
        if (baseline != null && !baseline.isBlank()) {
            Path baselineLib = Path.of(baseline).toAbsolutePath().resolve("lib/detour");
            variants.put("baseline (archive)", new Variant(concat(baselineOptions(baselineLib.resolve("detour.jar")),
                    List.of("-XX:SharedArchiveFile=" + baselineLib.resolve("detour.jsa"), "-XX:+UnlockDiagnosticVMOptions",
                            "-XX:ArchiveRelocationMode=0", "-Xlog:cds=off")), env, baselineLib.resolve("detour.jar")));
        }

        StringBuilder config = new StringBuilder("[upstreams.sim]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:"
                + simPort + "\"\nauth = \"passthrough\"\n");
        int[] ports = new int[SESSIONS + 1];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
            config.append("\n[sessions.s").append(i).append("]\nport = ").append(ports[i]).append("\nroute = [\"sim\"]\n");
        }
        Path configFile = Files.writeString(tmp.resolve("detour.toml"), config);

        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Variant> variant : variants.entrySet()) {
            List<Process> bridges = new ArrayList<>();
            for (int target : new int[]{1, 5, SESSIONS}) {
                while (bridges.size() < target) {
                    int i = bridges.size();
                    Process bridge = startBridge(java, variant.getValue(), jar, configFile, "s" + i, tmp);
                    awaitAccept(ports[i], bridge);
                    bridges.add(bridge);
                }
                Thread.sleep(2000);
                lines.add(row(variant.getKey(), target + " up, idle", bridges));
            }
            int failed = 0;
            double[][] afterLoad = new double[AFTER_LOAD_S.length][3];
            for (int i = 0; i < bridges.size(); i++) {
                String token = Files.readString(tmp.resolve("state/detour/bridges/s" + i + ".token")).trim();
                failed += load("http://127.0.0.1:" + ports[i] + "/t/" + token + "/v1/messages", streams);
                long loaded = System.nanoTime();
                for (int at = 0; at < AFTER_LOAD_S.length; at++) {
                    Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(AFTER_LOAD_S[at])
                            - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loaded)));
                    double[] kb = ussPssRss(bridges.get(i).pid());
                    for (int k = 0; k < 3; k++) {
                        afterLoad[at][k] += kb[k];
                    }
                }
            }
            for (int at = 0; at < AFTER_LOAD_S.length; at++) {
                lines.add(String.format("%-21s %-28s %8.1f %8.1f %8.1f", variant.getKey(), SESSIONS + " up, " + AFTER_LOAD_S[at]
                                + " s after " + streams + " streams", afterLoad[at][0] / SESSIONS / 1024,
                        afterLoad[at][1] / SESSIONS / 1024, afterLoad[at][2] / SESSIONS / 1024)
                        + (failed > 0 ? "   (" + failed + " of " + 2 * streams * SESSIONS + " calls failed)" : ""));
            }
            for (Process bridge : bridges) {
                bridge.destroy();
                bridge.waitFor(30, TimeUnit.SECONDS);
            }
        }

        Map<String, List<Double>> startMs = new LinkedHashMap<>();
        Map<String, List<Double>> answerMs = new LinkedHashMap<>();
        variants.keySet().forEach(name -> startMs.put(name, new ArrayList<>()));
        variants.keySet().forEach(name -> answerMs.put(name, new ArrayList<>()));
        String session = "s" + SESSIONS;
        Path startToken = tmp.resolve("state/detour/bridges/" + session + ".token");
        for (int round = 0; round < startRounds; round++) {
            for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                long t0 = System.nanoTime();
                Process bridge = startBridge(java, variant.getValue(), jar, configFile, session, tmp);
                awaitAccept(ports[SESSIONS], bridge);
                startMs.get(variant.getKey()).add((System.nanoTime() - t0) / 1e6);
                String token = Files.readString(startToken).trim();
                post("http://127.0.0.1:" + ports[SESSIONS] + "/t/" + token + "/v1/messages", false);
                answerMs.get(variant.getKey()).add((System.nanoTime() - t0) / 1e6);
                bridge.destroy();
                bridge.waitFor(30, TimeUnit.SECONDS);
            }
        }
        sim.destroy();

        System.out.println("Bridge memory per bridge (MiB, mean over the bridges up), measured one variant at a time; bridge JVM options: "
                + String.join(" ", BridgeLauncher.JVM_OPTIONS));
        System.out.printf("machine: %d cores, load average %s; %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0], System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.printf("%-21s %-28s %8s %8s %8s%n", "variant", "sessions", "USS", "PSS", "RSS");
        lines.forEach(System.out::println);
        System.out.printf("%nStart to first accepted connection, and to the first answered request (a non-streaming"
                + " message through the sim; ms; %d interleaved rounds)%n", startRounds);
        System.out.printf("%-21s %8s %8s %14s %8s%n", "variant", "median", "max", "answer median", "max");
        startMs.forEach((name, ms) -> {
            double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] answered = answerMs.get(name).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-21s %8.0f %8.0f %14.0f %8.0f%n", name, sorted[sorted.length / 2], sorted[sorted.length - 1],
                    answered[answered.length / 2], answered[answered.length - 1]);
        });
        System.out.println("targets (issue 15): private (USS) idle <= 40, after 256 streams <= 56; proportional (PSS) with 10 up <= 40;"
                + " start to first accepted connection <= 300 ms");
        System.out.println("after the load: each bridge measured " + AFTER_LOAD_S[0] + " s and " + AFTER_LOAD_S[1]
                + " s after its own streams ended (the others idle meanwhile); a bridge collects its heap once quiet for 0.8 s");
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /** JVM options and the environment (supervise/BridgeLauncher's, or with one of its settings left out). */
    record Variant(List<String> options, Map<String, String> env, Path jar) {
        Variant(List<String> options, Map<String, String> env) {
            this(options, env, null);
        }
    }

    /** The bridge JVM options of another build: its own BridgeLauncher.JVM_OPTIONS, read from its jar. */
    @SuppressWarnings("unchecked")
    static List<String> baselineOptions(Path jar) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            return List.copyOf((List<String>) loader.loadClass("dev.detour.supervise.BridgeLauncher")
                    .getField("JVM_OPTIONS").get(null));
        }
    }

    static Process startBridge(String java, Variant variant, Path jar, Path configFile, String session, Path tmp)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(variant.options());
        Path classpath = variant.jar() != null ? variant.jar() : jar;
        command.addAll(List.of("-cp", classpath.toString(), "dev.detour.Main", "bridge", session, "--config", configFile.toString()));
        return start(tmp.resolve(session + ".out"), variant.env(), command.toArray(String[]::new));
    }

    /** {@code streams} streaming requests at once (and as many plain ones after), each read to the end; returns how many failed. */
    static int load(String url, int streams) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        int failed = 0;
        try {
            for (boolean stream : new boolean[]{true, false}) {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < streams; i++) {
                    calls.add(pool.submit(() -> {
                        post(url, stream);
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    try {
                        call.get(180, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        failed++;
                    }
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    static String row(String variant, String what, List<Process> bridges) throws IOException {
        double uss = 0, pss = 0, rss = 0;
        for (Process bridge : bridges) {
            double[] kb = ussPssRss(bridge.pid());
            uss += kb[0];
            pss += kb[1];
            rss += kb[2];
        }
        int n = bridges.size();
        return String.format("%-21s %-28s %8.1f %8.1f %8.1f", variant, what, uss / n / 1024, pss / n / 1024, rss / n / 1024);
    }

    /** Private (USS), proportional (PSS) and resident (RSS) memory of a process, in KiB. */
    static double[] ussPssRss(long pid) throws IOException {
        Map<String, Long> kb = smapsRollup(pid);
        return new double[]{kb.get("Private_Clean") + kb.get("Private_Dirty"), kb.get("Pss"), kb.get("Rss")};
    }

    static Map<String, Long> smapsRollup(long pid) throws IOException {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 3 && parts[0].endsWith(":")) {
                kb.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]));
            }
        }
        return kb;
    }

    static void post(String url, boolean stream) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(120_000);
        connection.setRequestProperty("content-type", "application/json");
        connection.setRequestProperty("anthropic-version", "2023-06-01");
        connection.setRequestProperty("x-api-key", "bench-" + "dummy");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"benchmark\"}]}").getBytes(StandardCharsets.UTF_8));
        }
        if (connection.getResponseCode() != 200) {
            throw new IOException(url + ": HTTP " + connection.getResponseCode());
        }
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
    }

    static Process start(Path out, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        CHILDREN.add(process);
        return process;
    }

    static void awaitAccept(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("bridge on port " + port + " exited " + process.exitValue());
                }
                Thread.sleep(2);
            }
        }
        throw new IllegalStateException("bridge on port " + port + " did not accept within 60 s");
    }

    static String waitFor(Path out, Pattern pattern, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = pattern.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no " + pattern + " in " + out);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
