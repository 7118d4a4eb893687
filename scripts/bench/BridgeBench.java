import dev.detour.supervise.BridgeLauncher;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures a bridge against a sim on loopback, in one run, and prints a table with the targets of issue 3.
 * Run by scripts/bench-bridge: java -cp target/detour.jar scripts/bench/BridgeBench.java JAR [ROUNDS] [SECONDS]
 */
public class BridgeBench {
    static final MediaType JSON = MediaType.get("application/json");
    static final List<Process> CHILDREN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        })));
        Path tmp = Files.createTempDirectory("bench-bridge");
        String java = ProcessHandle.current().info().command().orElse("java");

        Process sim = start(tmp.resolve("sim.out"), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "bench");
        int simPort = Integer.parseInt(waitFor(tmp.resolve("sim.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)")));
        int bridgePort = freePort();
        Path config = Files.writeString(tmp.resolve("detour.toml"), "[upstreams.sim]\nfamily = \"anthropic\"\n"
                + "base_url = \"http://127.0.0.1:" + simPort + "\"\nauth = \"passthrough\"\n\n"
                + "[sessions.bench]\nport = " + bridgePort + "\nroute = [\"sim\"]\n");

        List<String> bridgeCmd = new ArrayList<>(List.of(java));
        bridgeCmd.addAll(BridgeLauncher.JVM_OPTIONS);
        bridgeCmd.addAll(List.of("-jar", jar, "bridge", "bench", "--config", config.toString()));
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(bridgeCmd).redirectErrorStream(true).redirectOutput(tmp.resolve("bridge.out").toFile());
        pb.environment().put("XDG_STATE_HOME", tmp.resolve("state").toString());
        Process bridge = pb.start();
        CHILDREN.add(bridge);
        double acceptMs = -1;
        while (acceptMs < 0) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", bridgePort), 100);
                acceptMs = (System.nanoTime() - t0) / 1e6;
            } catch (IOException notYet) {
                if (!bridge.isAlive()) {
                    throw new IllegalStateException("bridge died: " + Files.readString(tmp.resolve("bridge.out")));
                }
                Thread.sleep(2);
            }
        }
        String token = "";
        Path tokenFile = tmp.resolve("state/detour/bridges/bench.token");
        while (token.isEmpty()) {
            token = Files.exists(tokenFile) ? Files.readString(tokenFile).trim() : "";
        }
        OkHttpClient client = new OkHttpClient.Builder()
                .dispatcher(dispatcher()).connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(30)).build();
        String bridgeBase = "http://127.0.0.1:" + bridgePort + "/t/" + token;
        String directBase = "http://127.0.0.1:" + simPort;
        double firstAnswerMs;
        while (true) {
            try (Response r = client.newCall(new Request.Builder().url(bridgeBase + "/_detour/stats").build()).execute()) {
                if (r.code() == 200) {
                    firstAnswerMs = (System.nanoTime() - t0) / 1e6;
                    break;
                }
            } catch (IOException notYet) {
                Thread.sleep(2);
            }
        }
        Thread.sleep(1500);
        long rssIdleKb = rssKb(bridge.pid());
        String memoryIdle = memory(bridge.pid());

        // warm-up both paths so that neither pays for class loading or JIT in the measured rounds
        for (int i = 0; i < 1000; i++) {
            plain(client, directBase);
            plain(client, bridgeBase);
            ttfb(client, directBase);
            ttfb(client, bridgeBase);
        }
        double[] directPlain = new double[rounds], bridgePlain = new double[rounds];
        double[] directTtfb = new double[rounds], bridgeTtfb = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            directPlain[i] = plain(client, directBase);
            bridgePlain[i] = plain(client, bridgeBase);
            directTtfb[i] = ttfb(client, directBase);
            bridgeTtfb[i] = ttfb(client, bridgeBase);
        }
        long rssAfterLatencyKb = rssKb(bridge.pid());

        // 32 concurrent streams for a fixed time, through the bridge; the RSS of the bridge sampled meanwhile
        AtomicLong streams = new AtomicLong(), events = new AtomicLong(), errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(32);
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long loadStart = System.nanoTime();
        for (int t = 0; t < 32; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try {
                            int n = stream(client, bridgeBase);
                            streams.incrementAndGet();
                            events.addAndGet(n);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            if (errorSamples.size() < 3) {
                                errorSamples.add(e.toString());
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            worker.start();
        }
        long rssPeakKb = 0;
        while (System.nanoTime() - loadStart < TimeUnit.SECONDS.toNanos(seconds)) {
            rssPeakKb = Math.max(rssPeakKb, rssKb(bridge.pid()));
            Thread.sleep(100);
        }
        stop.set(true);
        done.await(30, TimeUnit.SECONDS);
        double loadS = (System.nanoTime() - loadStart) / 1e9;
        Thread.sleep(1000);
        long rssAfterKb = rssKb(bridge.pid());
        String memoryAfter = memory(bridge.pid());

        String row = "| %-48s | %14s | %-26s |%n";
        System.out.printf(row, "measure (one run, loopback, " + Runtime.getRuntime().availableProcessors() + " cores)", "measured", "target");
        System.out.printf(row, "-".repeat(48), "-".repeat(14), "-".repeat(26));
        System.out.printf(row, "non-streaming p50 direct / via bridge (ms)", f(p(directPlain, 50)) + " / " + f(p(bridgePlain, 50)), "");
        System.out.printf(row, "non-streaming added latency p50", f(p(bridgePlain, 50) - p(directPlain, 50)) + " ms", "<= 1 ms");
        System.out.printf(row, "non-streaming added latency p99", f(p(bridgePlain, 99) - p(directPlain, 99)) + " ms", "<= 5 ms");
        System.out.printf(row, "streaming TTFB p50 direct / via bridge (ms)", f(p(directTtfb, 50)) + " / " + f(p(bridgeTtfb, 50)), "");
        System.out.printf(row, "streaming TTFB added p50", f(p(bridgeTtfb, 50) - p(directTtfb, 50)) + " ms", "within 2 ms of direct");
        System.out.printf(row, "streaming TTFB added p99", f(p(bridgeTtfb, 99) - p(directTtfb, 99)) + " ms", "");
        System.out.printf(row, "32 concurrent streams: streams/s", f(streams.get() / loadS), "");
        System.out.printf(row, "32 concurrent streams: events/s", f(events.get() / loadS), "");
        System.out.printf(row, "32 concurrent streams: errors", errors.get() + " of " + (streams.get() + errors.get()), "0");
        System.out.printf(row, "bridge RSS idle (after start)", rssIdleKb / 1024 + " MiB", "<= 64 MiB");
        System.out.printf(row, "  RSS / PSS / private, idle after start (MiB)", memoryIdle, "");
        System.out.printf(row, "bridge RSS after " + rounds * 4 + " sequential requests", rssAfterLatencyKb / 1024 + " MiB", "");
        System.out.printf(row, "bridge RSS peak under 32 streams", rssPeakKb / 1024 + " MiB", "");
        System.out.printf(row, "bridge RSS idle after load", rssAfterKb / 1024 + " MiB", "");
        System.out.printf(row, "  RSS / PSS / private, idle after load (MiB)", memoryAfter, "");
        System.out.printf(row, "start to first accepted connection", f(acceptMs) + " ms", "<= 1500 ms");
        System.out.printf(row, "start to first HTTP answer", f(firstAnswerMs) + " ms", "");
        if (!errorSamples.isEmpty()) {
            System.out.println("errors, e.g.: " + errorSamples);
        }
        client.dispatcher().executorService().shutdown();
        bridge.destroy();
        sim.destroy();
        bridge.waitFor(25, TimeUnit.SECONDS);
        System.exit(0);
    }

    static Dispatcher dispatcher() {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(128);
        d.setMaxRequestsPerHost(128);
        return d;
    }

    static Request messages(String base, boolean stream) {
        return new Request.Builder().url(base + "/v1/messages?beta=true").header("x-api-key", "sk-bench-dummy")
                .header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":" + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"benchmark\"}]}", JSON)).build();
    }

    /** Milliseconds for a whole non-streamed reply. */
    static double plain(OkHttpClient client, String base) throws IOException {
        long start = System.nanoTime();
        try (Response r = client.newCall(messages(base, false)).execute()) {
            r.body().bytes();
            if (r.code() != 200) {
                throw new IOException("HTTP " + r.code());
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Milliseconds to the first byte of a streamed reply's body (the rest is read, not timed). */
    static double ttfb(OkHttpClient client, String base) throws IOException {
        long start = System.nanoTime();
        try (Response r = client.newCall(messages(base, true)).execute()) {
            BufferedSource source = r.body().source();
            source.require(1);
            double ms = (System.nanoTime() - start) / 1e6;
            source.readByteArray();
            return ms;
        }
    }

    /** Reads one whole stream; returns its event count; throws unless it ends with message_stop. */
    static int stream(OkHttpClient client, String base) throws IOException {
        try (Response r = client.newCall(messages(base, true)).execute()) {
            if (r.code() != 200) {
                throw new IOException("HTTP " + r.code());
            }
            BufferedSource source = r.body().source();
            int events = 0;
            String line, last = null;
            while ((line = source.readUtf8Line()) != null) {
                if (line.startsWith("event: ")) {
                    events++;
                    last = line;
                }
            }
            if (!"event: message_stop".equals(last)) {
                throw new IOException("stream ended with " + last);
            }
            return events;
        }
    }

    static double p(double[] values, int percentile) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    static String f(double v) {
        return String.format("%.2f", v);
    }

    /** Resident, proportional (shared pages split among the processes mapping them) and private memory, in MiB. */
    static String memory(long pid) throws IOException {
        long rss = 0, pss = 0, priv = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            long kb = line.matches("^[A-Za-z_]+:\\s+\\d+ kB$") ? Long.parseLong(line.replaceAll("\\D", "")) : 0;
            if (line.startsWith("Rss:")) rss = kb;
            if (line.startsWith("Pss:")) pss = kb;
            if (line.startsWith("Private_Clean:") || line.startsWith("Private_Dirty:")) priv += kb;
        }
        return rss / 1024 + " / " + pss / 1024 + " / " + priv / 1024;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    static Process start(Path out, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        CHILDREN.add(p);
        return p;
    }

    static String waitFor(Path out, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out: " + Files.readString(out));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
