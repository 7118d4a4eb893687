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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of bridges with 1, 5 and 10 sessions up, private (USS) and proportional (PSS) per bridge from
 * /proc/PID/smaps_rollup, idle and after load, and bridge start to first accepted connection; without and with the
 * installed class-data archive, in one run. Run by scripts/bench-memory:
 * java -cp JAR scripts/bench/MemoryBench.java PREFIX [REQUESTS_PER_BRIDGE]
 */
public class MemoryBench {
    static final List<Process> CHILDREN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path prefix = Path.of(args[0]).toAbsolutePath();
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path jar = prefix.resolve("lib/detour/detour.jar");
        Path archive = prefix.resolve("lib/detour/detour.jsa");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        })));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path tmp = Files.createTempDirectory("bench-memory");
        Process sim = start(tmp.resolve("sim.out"), Map.of(), java, "-XX:+UseSerialGC", "-cp", jar.toString(),
                "dev.detour.Main", "sim", "--port", "0", "--name", "bench");
        int simPort = Integer.parseInt(waitFor(tmp.resolve("sim.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)"), sim));

        Map<String, List<String>> modes = new LinkedHashMap<>();
        modes.put("JDK CDS only", List.of());
        modes.put("JDK CDS, in place", List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
        modes.put("+ detour archive", List.of("-XX:SharedArchiveFile=" + archive, "-XX:+UnlockDiagnosticVMOptions",
                "-XX:ArchiveRelocationMode=0", "-Xlog:cds=off"));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<String>> mode : modes.entrySet()) {
            Path dir = Files.createDirectories(tmp.resolve(mode.getKey().replaceAll("\\W", "")));
            int[] ports = new int[10];
            StringBuilder config = new StringBuilder("[upstreams.sim]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:"
                    + simPort + "\"\nauth = \"passthrough\"\n");
            for (int i = 0; i < ports.length; i++) {
                ports[i] = freePort();
                config.append("\n[sessions.s").append(i).append("]\nport = ").append(ports[i]).append("\nroute = [\"sim\"]\n");
            }
            Path configFile = Files.writeString(dir.resolve("detour.toml"), config);
            List<Process> bridges = new ArrayList<>();
            List<Double> startMs = new ArrayList<>();
            for (int target : new int[]{1, 5, 10}) {
                while (bridges.size() < target) {
                    int i = bridges.size();
                    List<String> command = new ArrayList<>(List.of(java));
                    command.addAll(BridgeLauncher.JVM_OPTIONS);
                    command.addAll(mode.getValue());
                    command.addAll(List.of("-cp", jar.toString(), "dev.detour.Main", "bridge", "s" + i, "--config", configFile.toString()));
                    long t0 = System.nanoTime();
                    Process bridge = start(dir.resolve("bridge" + i + ".out"), Map.of("XDG_STATE_HOME", dir.resolve("state").toString()),
                            command.toArray(String[]::new));
                    awaitAccept(ports[i], bridge);
                    startMs.add((System.nanoTime() - t0) / 1e6);
                    bridges.add(bridge);
                }
                Thread.sleep(2000);
                lines.add(row(mode.getKey(), target + " up, idle", bridges));
            }
            for (int i = 0; i < bridges.size(); i++) {
                String token = Files.readString(dir.resolve("state/detour/bridges/s" + i + ".token")).trim();
                String base = "http://127.0.0.1:" + ports[i] + "/t/" + token;
                for (int r = 0; r < requests; r++) {
                    post(base + "/v1/messages", r % 4 == 0);
                }
            }
            Thread.sleep(1000);
            lines.add(row(mode.getKey(), "10 up, after " + requests + " req each", bridges));
            double[] starts = startMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            lines.add(String.format("%-17s %-28s start to first accepted connection: median %.0f ms, max %.0f ms (%d bridges)",
                    mode.getKey(), "", starts[starts.length / 2], starts[starts.length - 1], starts.length));
            for (Process bridge : bridges) {
                bridge.destroy();
                bridge.waitFor(30, TimeUnit.SECONDS);
            }
        }
        sim.destroy();
        System.out.println("Bridge memory per bridge (MiB, mean over the bridges up) and start time; JVM options: "
                + String.join(" ", BridgeLauncher.JVM_OPTIONS));
        System.out.printf("machine: %d cores, load average %s; %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0], System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.printf("%-17s %-28s %8s %8s %8s%n", "archive", "sessions", "USS", "PSS", "RSS");
        lines.forEach(System.out::println);
        System.out.println("targets (issue 15): private idle <= 40, after load <= 56; proportional with 10 up <= 40; start <= 300 ms");
    }

    static String row(String mode, String what, List<Process> bridges) throws IOException {
        double uss = 0, pss = 0, rss = 0;
        for (Process bridge : bridges) {
            Map<String, Long> kb = smapsRollup(bridge.pid());
            uss += kb.get("Private_Clean") + kb.get("Private_Dirty");
            pss += kb.get("Pss");
            rss += kb.get("Rss");
        }
        int n = bridges.size();
        return String.format("%-17s %-28s %8.1f %8.1f %8.1f", mode, what, uss / n / 1024, pss / n / 1024, rss / n / 1024);
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
        connection.setReadTimeout(30_000);
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
