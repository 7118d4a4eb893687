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
 * Measures a bridge against a sim on loopback, in one run, and prints a table with the targets of issues 3 and 15:
 * latency added (interleaved rounds: direct, bridge, the same bridge with C1 only instead of the launcher's early C2,
 * and the peer), then STREAMS concurrent streams in alternating slices against the bridge, a translating bridge and
 * the peer.
 * Run by scripts/bench-bridge: java -cp target/detour.jar scripts/bench/BridgeBench.java JAR [ROUNDS] [SECONDS] [CCR_CLI] [STREAMS]
 * BENCH_BRIDGE_JVM_EXTRA adds options to the measured bridge's JVM (e.g. a flight recording); BENCH_BASELINE_JAR adds a
 * bridge from another build (e.g. main's) to the same interleaved rounds, for an A/B of a change.
 */
public class BridgeBench {
    static final MediaType JSON = MediaType.get("application/json");
    static final List<Process> CHILDREN = new ArrayList<>();

    /** The launcher's options with C1 only, as bridges ran before issue 15: the comparison for its early C2. */
    static List<String> c1Only() {
        List<String> options = new ArrayList<>(BridgeLauncher.JVM_OPTIONS);
        options.add("-XX:TieredStopAtLevel=1");
        return options;
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int concurrent = args.length > 4 ? Integer.parseInt(args[4]) : 256;
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
        String extra = System.getenv("BENCH_BRIDGE_JVM_EXTRA");
        if (extra != null && !extra.isBlank()) {
            bridgeCmd.addAll(List.of(extra.trim().split("\\s+")));
        }
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
        String c1Base = startOtherBridge(java, jar, c1Only(), tmp, simPort, "c1");
        String baselineJar = System.getenv("BENCH_BASELINE_JAR");
        String baselineBase = baselineJar == null || baselineJar.isBlank() ? null
                : startOtherBridge(java, baselineJar, BridgeLauncher.JVM_OPTIONS, tmp, simPort, "baseline");
        Peer peer = Peer.start(args.length > 3 && !args[3].isEmpty() ? args[3] : null, java, jar, tmp, baselineJar);

        // warm-up both paths so that neither pays for class loading or JIT in the measured rounds
        for (int i = 0; i < 1000; i++) {
            plain(client, directBase);
            plain(client, bridgeBase);
            ttfb(client, directBase);
            ttfb(client, bridgeBase);
            plain(client, c1Base);
            ttfb(client, c1Base);
            if (baselineBase != null) {
                plain(client, baselineBase);
                ttfb(client, baselineBase);
            }
            peer.round(client, 0);
        }
        double[] c1Plain = new double[rounds], c1Ttfb = new double[rounds];
        double[] baselinePlain = new double[rounds], baselineTtfb = new double[rounds];
        double[] directPlain = new double[rounds], bridgePlain = new double[rounds];
        double[] directTtfb = new double[rounds], bridgeTtfb = new double[rounds];
        double[] directTtfc = new double[rounds], bridgeTtfc = new double[rounds], baselineTtfc = new double[rounds];
        peer.size(rounds);
        for (int i = 0; i < rounds; i++) {
            directPlain[i] = plain(client, directBase);
            bridgePlain[i] = plain(client, bridgeBase);
            directTtfb[i] = ttfb(client, directBase);
            directTtfc[i] = lastFirstContent;
            bridgeTtfb[i] = ttfb(client, bridgeBase);
            bridgeTtfc[i] = lastFirstContent;
            c1Plain[i] = plain(client, c1Base);
            c1Ttfb[i] = ttfb(client, c1Base);
            if (baselineBase != null) {
                baselinePlain[i] = plain(client, baselineBase);
                baselineTtfb[i] = ttfb(client, baselineBase);
                baselineTtfc[i] = lastFirstContent;
            }
            peer.round(client, i);
        }
        long rssAfterLatencyKb = rssKb(bridge.pid());

        // STREAMS concurrent streams, in slices alternating between the bridge, the translating bridge and the peer
        List<Load> loads = new ArrayList<>(List.of(new Load("bridge (pass-through)", bridgeBase)));
        loads.add(new Load("bridge (translating, as the peer)", peer.bridge));
        if (peer.ccr != null) {
            loads.add(new Load("peer: claude-code-router", peer.ccr));
        }
        OkHttpClient loadClient = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(concurrent * 2, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(60)).build();
        long rssPeakKb = Load.interleaved(loads, loadClient, concurrent, seconds, bridge.pid());
        Thread.sleep(1000);
        long rssAfterKb = rssKb(bridge.pid());
        String memoryAfter = memory(bridge.pid());
        Thread.sleep(5000);
        String memoryQuiet = memory(bridge.pid());

        String row = "| %-48s | %14s | %-26s |%n";
        System.out.printf(row, "measure (one run, loopback, " + Runtime.getRuntime().availableProcessors() + " cores)", "measured", "target");
        System.out.printf(row, "-".repeat(48), "-".repeat(14), "-".repeat(26));
        System.out.printf(row, "non-streaming p50 direct / via bridge (ms)", f(p(directPlain, 50)) + " / " + f(p(bridgePlain, 50)), "");
        System.out.printf(row, "non-streaming added latency p50", f(p(bridgePlain, 50) - p(directPlain, 50)) + " ms", "<= 1 ms");
        System.out.printf(row, "non-streaming added latency p99", f(p(bridgePlain, 99) - p(directPlain, 99)) + " ms", "<= 5 ms");
        System.out.printf(row, "streaming TTFB p50 direct / via bridge (ms)", f(p(directTtfb, 50)) + " / " + f(p(bridgeTtfb, 50)), "");
        System.out.printf(row, "streaming TTFB added p50", f(p(bridgeTtfb, 50) - p(directTtfb, 50)) + " ms", "within 2 ms of direct");
        System.out.printf(row, "streaming TTFB added p99", f(p(bridgeTtfb, 99) - p(directTtfb, 99)) + " ms", "");
        System.out.printf(row, "streaming added time to first content p50", f(p(bridgeTtfc, 50) - p(directTtfc, 50)) + " ms",
                "first delta, both sides");
        System.out.printf(row, "same bridge, C1 only (TieredStopAtLevel=1)", "", "same rounds, interleaved");
        System.out.printf(row, "  added p50 / p99 (ms)", f(p(c1Plain, 50) - p(directPlain, 50)) + " / "
                + f(p(c1Plain, 99) - p(directPlain, 99)), "launcher's: " + f(p(bridgePlain, 50) - p(directPlain, 50))
                + " / " + f(p(bridgePlain, 99) - p(directPlain, 99)));
        System.out.printf(row, "  added TTFB p50 (ms)", f(p(c1Ttfb, 50) - p(directTtfb, 50)),
                "launcher's: " + f(p(bridgeTtfb, 50) - p(directTtfb, 50)));
        System.out.printf(row, "  C1 only / launcher's: added p50, TTFB p50", f((p(c1Plain, 50) - p(directPlain, 50)) / (p(bridgePlain, 50) - p(directPlain, 50)))
                + " / " + f((p(c1Ttfb, 50) - p(directTtfb, 50)) / (p(bridgeTtfb, 50) - p(directTtfb, 50))), "> 1: launcher's is faster");
        if (baselineBase != null) {
            System.out.printf(row, "baseline bridge: " + Path.of(baselineJar).getFileName(), "", "same rounds, interleaved");
            System.out.printf(row, "  added p50 / p99 (ms)", f(p(baselinePlain, 50) - p(directPlain, 50)) + " / "
                    + f(p(baselinePlain, 99) - p(directPlain, 99)), "");
            System.out.printf(row, "  added TTFB p50 (ms)", f(p(baselineTtfb, 50) - p(directTtfb, 50)), "");
            System.out.printf(row, "  this build / baseline: added p50, TTFB p50", f((p(bridgePlain, 50) - p(directPlain, 50)) / (p(baselinePlain, 50) - p(directPlain, 50)))
                    + " / " + f((p(bridgeTtfb, 50) - p(directTtfb, 50)) / (p(baselineTtfb, 50) - p(directTtfb, 50))), "< 1: this build is faster");
            System.out.printf(row, "  added time to first content p50 (ms)", f(p(baselineTtfc, 50) - p(directTtfc, 50)),
                    "this build: " + f(p(bridgeTtfc, 50) - p(directTtfc, 50)));
        }
        for (Load load : loads) {
            System.out.printf(row, concurrent + " streams, " + load.name, f(load.perSecond()) + "/s",
                    load.errors.get() + " errors of " + (load.streams.get() + load.errors.get()));
        }
        if (loads.size() == 3) {
            System.out.printf(row, concurrent + " streams: throughput bridge / peer", f(loads.get(0).perSecond() / loads.get(2).perSecond())
                    + " / " + f(loads.get(1).perSecond() / loads.get(2).perSecond()), ">= 2, 0 errors");
        }
        System.out.printf(row, "bridge RSS idle (after start)", rssIdleKb / 1024 + " MiB", "<= 64 MiB");
        System.out.printf(row, "  RSS / PSS / private, idle after start (MiB)", memoryIdle, "");
        System.out.printf(row, "bridge RSS after " + rounds * 4 + " sequential requests", rssAfterLatencyKb / 1024 + " MiB", "");
        System.out.printf(row, "bridge RSS peak under " + concurrent + " streams", rssPeakKb / 1024 + " MiB", "");
        System.out.printf(row, "bridge RSS idle after load", rssAfterKb / 1024 + " MiB", "");
        System.out.printf(row, "  RSS / PSS / private, idle after load (MiB)", memoryAfter, "1 s after");
        System.out.printf(row, "  RSS / PSS / private, quiet after load (MiB)", memoryQuiet, "6 s after (heap collected)");
        System.out.printf(row, "start to first accepted connection", f(acceptMs) + " ms", "<= 1500 ms");
        System.out.printf(row, "start to first HTTP answer", f(firstAnswerMs) + " ms", "");
        peer.report(row, p(bridgePlain, 50) - p(directPlain, 50), p(bridgePlain, 99) - p(directPlain, 99),
                p(bridgeTtfb, 50) - p(directTtfb, 50), p(bridgeTtfc, 50) - p(directTtfc, 50), memoryAfter);
        if (peer.ccr == null) {
            System.out.println("peer: claude-code-router not measured (npm missing or its install failed; see scripts/bench-bridge)");
        }
        for (Load load : loads) {
            if (!load.errorSamples.isEmpty()) {
                System.out.println("errors of " + load.name + ", e.g.: " + load.errorSamples);
            }
        }
        client.dispatcher().executorService().shutdown();
        bridge.destroy();
        sim.destroy();
        bridge.waitFor(25, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** Another pass-through bridge on the same sim: another build ({@code jar}) or other JVM options. */
    static String startOtherBridge(String java, String jar, List<String> jvmOptions, Path tmp, int simPort, String name)
            throws Exception {
        int port = freePort();
        Path config = Files.writeString(tmp.resolve(name + ".toml"), "[upstreams.sim]\nfamily = \"anthropic\"\n"
                + "base_url = \"http://127.0.0.1:" + simPort + "\"\nauth = \"passthrough\"\n\n"
                + "[sessions." + name + "]\nport = " + port + "\nroute = [\"sim\"]\n");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar, "bridge", name, "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("bridge-" + name + ".out").toFile());
        pb.environment().put("XDG_STATE_HOME", tmp.resolve("state-" + name).toString());
        CHILDREN.add(pb.start());
        Path tokenFile = tmp.resolve("state-" + name + "/detour/bridges/" + name + ".token");
        String token = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (token.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + name + " bridge did not start: " + Files.readString(tmp.resolve("bridge-" + name + ".out")));
            }
            token = Files.exists(tokenFile) ? Files.readString(tokenFile).trim() : "";
            Thread.sleep(20);
        }
        return "http://127.0.0.1:" + port + "/t/" + token;
    }

    /**
     * Concurrent streams against one target. The targets take turns in slices of the load time (three each), so
     * that whatever else loads the machine meanwhile hits all of them alike.
     */
    static final class Load {
        final String name, base;
        final AtomicLong streams = new AtomicLong(), errors = new AtomicLong();
        final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        double seconds;

        Load(String name, String base) {
            this.name = name;
            this.base = base;
        }

        double perSecond() {
            return seconds > 0 ? streams.get() / seconds : 0;
        }

        /** Runs every target for {@code totalSeconds} in all; returns the peak RSS of {@code bridgePid} meanwhile. */
        static long interleaved(List<Load> loads, OkHttpClient client, int concurrent, int totalSeconds, long bridgePid)
                throws Exception {
            int slices = 3;
            long sliceNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1000L, totalSeconds * 1000L / slices));
            long rssPeakKb = 0;
            for (int slice = 0; slice < slices; slice++) {
                for (Load load : loads) {
                    rssPeakKb = Math.max(rssPeakKb, load.run(client, concurrent, sliceNanos, bridgePid));
                }
            }
            return rssPeakKb;
        }

        long run(OkHttpClient client, int concurrent, long nanos, long bridgePid) throws Exception {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(concurrent);
            long start = System.nanoTime();
            for (int t = 0; t < concurrent; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            try {
                                stream(client, base);
                                streams.incrementAndGet();
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
                }, "load");
                worker.setDaemon(true);
                worker.start();
            }
            long rssPeakKb = 0;
            while (System.nanoTime() - start < nanos) {
                rssPeakKb = Math.max(rssPeakKb, rssKb(bridgePid));
                Thread.sleep(100);
            }
            stop.set(true);
            done.await(60, TimeUnit.SECONDS);
            seconds += (System.nanoTime() - start) / 1e9;
            return rssPeakKb;
        }
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
            lastFirstContent = firstContent(source, start);
            return ms;
        }
    }

    /**
     * Milliseconds to the first content (a text or tool delta) of the last stream that {@link #ttfb} or
     * {@link Peer#timed} read. The bridge holds back what comes before it (so that it can still fail over), a gateway
     * without that guarantee sends {@code message_start} at once: the first byte alone favours the latter.
     */
    static double lastFirstContent;
    static final Pattern OPENAI_CONTENT = Pattern.compile("\"content\":\"[^\"]|\"tool_calls\":\\[");

    /** Reads the rest of a stream; returns the milliseconds since {@code start} to its first content line. */
    static double firstContent(BufferedSource source, long start) throws IOException {
        double at = -1;
        for (String line; (line = source.readUtf8Line()) != null; ) {
            if (at < 0 && (line.startsWith("event: content_block_delta")
                    || line.startsWith("data: {") && OPENAI_CONTENT.matcher(line).find())) {
                at = (System.nanoTime() - start) / 1e6;
            }
        }
        return at;
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

    /**
     * The peer of issue 15: claude-code-router 1.0.73 (Anthropic Messages in, Chat Completions out) in front of an
     * OpenAI-family sim, measured in the same interleaved rounds against calling that sim directly, next to a second
     * bridge whose session routes to the same sim (the same translation), the same bridge with C1 only, and
     * (BENCH_BASELINE_JAR) a translating bridge of another build. Without npm the bridges are measured alone.
     */
    static final class Peer {
        final String direct, bridge, c1, baseline, ccr;
        final Process ccrProcess;
        final Path ccrHome;
        double[] directPlain, bridgePlain, ccrPlain, directTtfb, bridgeTtfb, ccrTtfb;
        double[] c1Plain, c1Ttfb, baselinePlain, baselineTtfb;
        double[] directTtfc, bridgeTtfc, ccrTtfc, baselineTtfc;

        Peer(String direct, String bridge, String c1, String baseline, String ccr, Process ccrProcess, Path ccrHome) {
            this.direct = direct;
            this.bridge = bridge;
            this.c1 = c1;
            this.baseline = baseline;
            this.ccr = ccr;
            this.ccrProcess = ccrProcess;
            this.ccrHome = ccrHome;
        }

        /** A bridge whose session routes to the OpenAI sim: {@code jar}'s build with {@code jvmOptions}. */
        static String translatingBridge(String java, String jar, List<String> jvmOptions, Path tmp, int oaiPort, String name)
                throws Exception {
            int bridgePort = freePort();
            Path config = Files.writeString(tmp.resolve(name + ".toml"), "[upstreams.oai]\nfamily = \"openai\"\n"
                    + "base_url = \"http://127.0.0.1:" + oaiPort + "/v1\"\nauth = \"env:BENCH_OAI_KEY\"\n\n"
                    + "[sessions." + name + "]\nport = " + bridgePort + "\nroute = [\"oai\"]\n");
            List<String> bridgeCmd = new ArrayList<>(List.of(java));
            bridgeCmd.addAll(jvmOptions);
            bridgeCmd.addAll(List.of("-jar", jar, "bridge", name, "--config", config.toString()));
            ProcessBuilder pb = new ProcessBuilder(bridgeCmd).redirectErrorStream(true).redirectOutput(tmp.resolve("bridge-" + name + ".out").toFile());
            pb.environment().put("XDG_STATE_HOME", tmp.resolve("state-" + name).toString());
            pb.environment().put("BENCH_OAI_KEY", "bench-" + "dummy");
            CHILDREN.add(pb.start());
            Path tokenFile = tmp.resolve("state-" + name + "/detour/bridges/" + name + ".token");
            String token = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (token.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the " + name + " bridge did not start: " + Files.readString(tmp.resolve("bridge-" + name + ".out")));
                }
                token = Files.exists(tokenFile) ? Files.readString(tokenFile).trim() : "";
                Thread.sleep(20);
            }
            return "http://127.0.0.1:" + bridgePort + "/t/" + token;
        }

        static Peer start(String ccrCli, String java, String jar, Path tmp, String baselineJar) throws Exception {
            BridgeBench.start(tmp.resolve("oai.out"), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--family", "openai", "--name", "oai");
            int oaiPort = Integer.parseInt(waitFor(tmp.resolve("oai.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)")));
            String bridge = translatingBridge(java, jar, BridgeLauncher.JVM_OPTIONS, tmp, oaiPort, "oai");
            String c1 = translatingBridge(java, jar, c1Only(), tmp, oaiPort, "oai-c1");
            String baseline = baselineJar == null || baselineJar.isBlank() ? null
                    : translatingBridge(java, baselineJar, BridgeLauncher.JVM_OPTIONS, tmp, oaiPort, "oai-baseline");
            String direct = "http://127.0.0.1:" + oaiPort;
            if (ccrCli == null) {
                return new Peer(direct, bridge, c1, baseline, null, null, null);
            }
            int ccrPort = freePort();
            Path home = Files.createDirectories(tmp.resolve("ccr-home/.claude-code-router")).getParent();
            Files.writeString(home.resolve(".claude-code-router/config.json"), "{\"LOG\": false, \"PORT\": " + ccrPort
                    + ", \"NON_INTERACTIVE_MODE\": true, \"Providers\": [{\"name\": \"sim\", \"api_base_url\": "
                    + "\"http://127.0.0.1:" + oaiPort + "/v1/chat/completions\", \"api_key\": \"bench-dummy\", "
                    + "\"models\": [\"gpt-5\"], \"transformer\": {\"use\": [\"maxcompletiontokens\"]}}], "
                    + "\"Router\": {\"default\": \"sim,gpt-5\"}}");
            ProcessBuilder ccrBuilder = new ProcessBuilder("node", ccrCli, "start").redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("ccr.out").toFile());
            ccrBuilder.environment().put("HOME", home.toString());
            Process ccr = ccrBuilder.start();
            CHILDREN.add(ccr);
            Path pidFile = home.resolve(".claude-code-router/.claude-code-router.pid");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    if (Files.exists(pidFile)) {
                        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroy);
                    }
                } catch (IOException | NumberFormatException gone) {
                    // the router wrote no pid or is already gone
                }
            }));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", ccrPort), 100);
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("claude-code-router did not listen: " + Files.readString(tmp.resolve("ccr.out")));
                    }
                    Thread.sleep(50);
                }
            }
            return new Peer(direct, bridge, c1, baseline, "http://127.0.0.1:" + ccrPort, ccr, home);
        }

        void size(int rounds) {
            directPlain = new double[rounds];
            bridgePlain = new double[rounds];
            ccrPlain = new double[rounds];
            directTtfb = new double[rounds];
            bridgeTtfb = new double[rounds];
            ccrTtfb = new double[rounds];
            c1Plain = new double[rounds];
            c1Ttfb = new double[rounds];
            baselinePlain = new double[rounds];
            baselineTtfb = new double[rounds];
            directTtfc = new double[rounds];
            bridgeTtfc = new double[rounds];
            ccrTtfc = new double[rounds];
            baselineTtfc = new double[rounds];
        }

        /** One interleaved round; recorded once {@link #size} was called (before that: warm-up). */
        private interface Step {
            void run() throws IOException;
        }

        /**
         * The targets are measured in a new order each round: a target measured right after the peer would otherwise
         * pay for the peer's work after its answer (the event loop's clean-up) on a 2-core machine.
         */
        private final java.util.Random order = new java.util.Random(15);

        void round(OkHttpClient client, int i) throws IOException {
            double[] r = new double[15];
            List<Step> steps = new ArrayList<>();
            steps.add(() -> {
                r[0] = timed(client, chat(direct, false), false);
                r[1] = timed(client, chat(direct, true), true);
                r[2] = lastFirstContent;
            });
            steps.add(() -> {
                r[3] = plain(client, bridge);
                r[4] = ttfb(client, bridge);
                r[5] = lastFirstContent;
            });
            steps.add(() -> {
                r[6] = plain(client, c1);
                r[7] = ttfb(client, c1);
            });
            if (ccr != null) {
                steps.add(() -> {
                    r[9] = plain(client, ccr);
                    r[10] = ttfb(client, ccr);
                    r[11] = lastFirstContent;
                });
            }
            if (baseline != null) {
                steps.add(() -> {
                    r[12] = plain(client, baseline);
                    r[13] = ttfb(client, baseline);
                    r[14] = lastFirstContent;
                });
            }
            Collections.shuffle(steps, order);
            for (Step step : steps) {
                step.run();
            }
            if (directPlain != null) {
                directPlain[i] = r[0];
                directTtfb[i] = r[1];
                directTtfc[i] = r[2];
                bridgePlain[i] = r[3];
                bridgeTtfb[i] = r[4];
                bridgeTtfc[i] = r[5];
                c1Plain[i] = r[6];
                c1Ttfb[i] = r[7];
                ccrPlain[i] = r[9];
                ccrTtfb[i] = r[10];
                ccrTtfc[i] = r[11];
                baselinePlain[i] = r[12];
                baselineTtfb[i] = r[13];
                baselineTtfc[i] = r[14];
            }
        }

        static Request chat(String base, boolean stream) {
            return new Request.Builder().url(base + "/v1/chat/completions").header("authorization", "Bearer bench-" + "dummy")
                    .post(RequestBody.create("{\"model\":\"gpt-5\",\"max_completion_tokens\":64,\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"benchmark\"}]}", JSON)).build();
        }

        static double timed(OkHttpClient client, Request request, boolean firstByteOnly) throws IOException {
            long start = System.nanoTime();
            try (Response r = client.newCall(request).execute()) {
                BufferedSource source = r.body().source();
                source.require(1);
                double firstByte = (System.nanoTime() - start) / 1e6;
                if (firstByteOnly) {
                    lastFirstContent = firstContent(source, start);
                } else {
                    source.readByteArray();
                }
                if (r.code() != 200) {
                    throw new IOException("HTTP " + r.code());
                }
                return firstByteOnly ? firstByte : (System.nanoTime() - start) / 1e6;
            }
        }

        void report(String row, double passP50, double passP99, double passTtfb, double passTtfc, String bridgeMemory)
                throws IOException {
            double trP50 = p(bridgePlain, 50) - p(directPlain, 50), trP99 = p(bridgePlain, 99) - p(directPlain, 99);
            double trT = p(bridgeTtfb, 50) - p(directTtfb, 50);
            System.out.printf(row, "bridge -> OpenAI sim (translating)", "", "same rounds, interleaved");
            System.out.printf(row, "  added p50 / p99 (ms)", f(trP50) + " / " + f(trP99), "");
            System.out.printf(row, "  added TTFB p50 (ms)", f(trT), "");
            double trC = p(bridgeTtfc, 50) - p(directTtfc, 50);
            System.out.printf(row, "  added time to first content p50 (ms)", f(trC), "first delta, both sides");
            double c1P50 = p(c1Plain, 50) - p(directPlain, 50), c1T = p(c1Ttfb, 50) - p(directTtfb, 50);
            System.out.printf(row, "  C1 only: added p50 / TTFB p50 (ms)", f(c1P50) + " / " + f(c1T),
                    "C1 only/launcher's: " + f(c1P50 / trP50) + " / " + f(c1T / trT));
            if (baseline != null) {
                double baP50 = p(baselinePlain, 50) - p(directPlain, 50), baT = p(baselineTtfb, 50) - p(directTtfb, 50);
                System.out.printf(row, "  baseline build: added p50 / TTFB p50 (ms)", f(baP50) + " / " + f(baT),
                        "this/baseline: " + f(trP50 / baP50) + " / " + f(trT / baT));
                double baC = p(baselineTtfc, 50) - p(directTtfc, 50);
                System.out.printf(row, "  baseline build: added first content p50 (ms)", f(baC), "this/baseline: " + f(trC / baC));
            }
            if (ccr == null) {
                return;
            }
            double ccrP50 = p(ccrPlain, 50) - p(directPlain, 50), ccrP99 = p(ccrPlain, 99) - p(directPlain, 99);
            double ccrT = p(ccrTtfb, 50) - p(directTtfb, 50);
            System.out.printf(row, "peer: claude-code-router 1.0.73 -> OpenAI sim", "", "same rounds, interleaved");
            System.out.printf(row, "  added p50 / p99 (ms)", f(ccrP50) + " / " + f(ccrP99), "");
            System.out.printf(row, "  added TTFB p50 (ms)", f(ccrT), "");
            double ccrC = p(ccrTtfc, 50) - p(directTtfc, 50);
            System.out.printf(row, "  added time to first content p50 (ms)", f(ccrC), "");
            System.out.printf(row, "ratio to peer, pass-through: p50", f(passP50 / ccrP50), "<= 0.25");
            System.out.printf(row, "ratio to peer, pass-through: TTFB p50", f(passTtfb / ccrT), "<= 0.25");
            System.out.printf(row, "ratio to peer, pass-through: p99", f(passP99 / ccrP99), "<= 0.5");
            System.out.printf(row, "ratio to peer, translating: p50", f(trP50 / ccrP50), "<= 0.25");
            System.out.printf(row, "ratio to peer, translating: TTFB p50", f(trT / ccrT), "<= 0.25");
            System.out.printf(row, "ratio to peer, pass-through / translating: first content p50", f(passTtfc / ccrC) + " / "
                    + f(trC / ccrC), "<= 0.25");
            System.out.printf(row, "ratio to peer, translating: p99", f(trP99 / ccrP99), "<= 0.5");
            Path pidFile = ccrHome.resolve(".claude-code-router/.claude-code-router.pid");
            long pid = Files.exists(pidFile) ? Long.parseLong(Files.readString(pidFile).trim()) : ccrProcess.pid();
            System.out.printf(row, "  peer RSS / PSS / private (MiB)", memory(pid), "bridge: " + bridgeMemory);
        }
    }
}
