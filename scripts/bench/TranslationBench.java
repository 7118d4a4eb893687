import dev.detour.supervise.BridgeLauncher;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of the family flip: a 200-event streamed answer through a bridge that passes an Anthropic sim through,
 * against the same answer through a bridge that translates an OpenAI sim's Chat Completions stream, each against its
 * sim called directly (so that the two sims' own speed cancels out). Prints a table.
 * Run by scripts/bench-bridge: java -cp target/detour.jar scripts/bench/TranslationBench.java JAR [ROUNDS]
 */
public class TranslationBench {
    static final MediaType JSON = MediaType.get("application/json");
    static final String PROMPT = "count to 578"; // 194 text deltas: 200 events in the Anthropic stream
    static final String KEY = "sk-bench-openai-sim";
    static final List<Process> CHILDREN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        })));
        Path tmp = Files.createTempDirectory("bench-translation");
        String java = ProcessHandle.current().info().command().orElse("java");
        start(tmp.resolve("anth.out"), List.of(), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "anth");
        start(tmp.resolve("oai.out"), List.of(), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--family", "openai", "--name", "oai");
        int anthPort = Integer.parseInt(waitFor(tmp.resolve("anth.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)")));
        int oaiPort = Integer.parseInt(waitFor(tmp.resolve("oai.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)")));
        int passPort = freePort();
        int flipPort = freePort();
        Path config = Files.writeString(tmp.resolve("detour.toml"), """
                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"

                [upstreams.oai]
                family = "openai"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "env:BENCH_OPENAI_KEY"
                models = { default = "gpt-5" }

                [sessions.pass]
                port = %d
                route = ["anth"]

                [sessions.flip]
                port = %d
                route = ["oai"]
                """.formatted(anthPort, oaiPort, passPort, flipPort));
        List<String> env = List.of("XDG_STATE_HOME=" + tmp.resolve("state"), "BENCH_OPENAI_KEY=" + KEY);
        for (String session : List.of("pass", "flip")) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(BridgeLauncher.JVM_OPTIONS);
            cmd.addAll(List.of("-jar", jar, "bridge", session, "--config", config.toString()));
            start(tmp.resolve(session + ".out"), env, cmd.toArray(String[]::new));
        }
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(30)).build();
        String pass = bridgeBase(client, tmp, "pass", passPort);
        String flip = bridgeBase(client, tmp, "flip", flipPort);
        String anth = "http://127.0.0.1:" + anthPort;
        String oai = "http://127.0.0.1:" + oaiPort + "/v1";

        int passEvents = 0, flipEvents = 0;
        for (int i = 0; i < Math.max(300, rounds / 2); i++) { // warm-up: class loading and JIT out of the measured rounds
            anthropic(client, anth);
            passEvents = (int) anthropic(client, pass)[2];
            openai(client, oai);
            flipEvents = (int) anthropic(client, flip)[2];
        }
        double[][] directAnth = new double[2][rounds], viaPass = new double[2][rounds];
        double[][] directOai = new double[2][rounds], viaFlip = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            record(directAnth, i, anthropic(client, anth));
            record(viaPass, i, anthropic(client, pass));
            record(directOai, i, openai(client, oai));
            record(viaFlip, i, anthropic(client, flip));
        }
        double passAdded = p(viaPass[1], 50) - p(directAnth[1], 50);
        double flipAdded = p(viaFlip[1], 50) - p(directOai[1], 50);

        String row = "| %-58s | %13s | %9s | %-14s |%n";
        System.out.printf(row, "200-event stream, " + rounds + " rounds (ms)", "p50", "p99", "target");
        System.out.printf(row, "-".repeat(58), "-".repeat(13), "-".repeat(9), "-".repeat(14));
        System.out.printf(row, "Anthropic sim direct: whole stream", f(p(directAnth[1], 50)), f(p(directAnth[1], 99)), "");
        System.out.printf(row, "  via bridge, pass-through (" + passEvents + " events)", f(p(viaPass[1], 50)), f(p(viaPass[1], 99)), "");
        System.out.printf(row, "OpenAI sim direct: whole stream", f(p(directOai[1], 50)), f(p(directOai[1], 99)), "");
        System.out.printf(row, "  via bridge, translated (" + flipEvents + " Anthropic events)", f(p(viaFlip[1], 50)), f(p(viaFlip[1], 99)), "");
        System.out.printf(row, "added by the bridge, pass-through (whole stream)", f(passAdded), "", "");
        System.out.printf(row, "added by the bridge, translated (whole stream)", f(flipAdded), "", "");
        System.out.printf(row, "translation cost over pass-through (whole stream)", f(flipAdded - passAdded), "", "<= 2 ms at p50");
        System.out.printf(row, "TTFB via bridge: pass-through / translated", f(p(viaPass[0], 50)) + " / " + f(p(viaFlip[0], 50)), "", "");
        System.out.printf(row, "TTFB added: pass-through / translated",
                f(p(viaPass[0], 50) - p(directAnth[0], 50)) + " / " + f(p(viaFlip[0], 50) - p(directOai[0], 50)), "", "");
        client.dispatcher().executorService().shutdown();
        CHILDREN.forEach(Process::destroy);
        System.exit(0);
    }

    static void record(double[][] into, int i, double[] sample) {
        into[0][i] = sample[0];
        into[1][i] = sample[1];
    }

    /** A streamed Messages answer: {ttfb ms, whole stream ms, events}; throws unless it ends with message_stop. */
    static double[] anthropic(OkHttpClient client, String base) throws IOException {
        Request request = new Request.Builder().url(base + "/v1/messages?beta=true").header("x-api-key", "sk-bench-dummy")
                .header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}", JSON)).build();
        return read(client, request, "event: message_stop", "event: ");
    }

    /** A streamed Chat Completions answer: {ttfb ms, whole stream ms, chunks}; throws unless it ends with [DONE]. */
    static double[] openai(OkHttpClient client, String base) throws IOException {
        Request request = new Request.Builder().url(base + "/chat/completions").header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create("{\"model\":\"gpt-5\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}", JSON)).build();
        return read(client, request, "data: [DONE]", "data: ");
    }

    static double[] read(OkHttpClient client, Request request, String lastLine, String eventPrefix) throws IOException {
        long start = System.nanoTime();
        try (Response r = client.newCall(request).execute()) {
            if (r.code() != 200) {
                throw new IOException("HTTP " + r.code() + ": " + r.body().string());
            }
            BufferedSource source = r.body().source();
            source.require(1);
            double ttfb = (System.nanoTime() - start) / 1e6;
            int events = 0;
            String line, last = null;
            while ((line = source.readUtf8Line()) != null) {
                if (line.startsWith(eventPrefix)) {
                    events++;
                    last = line;
                }
            }
            if (!lastLine.equals(last)) {
                throw new IOException("stream ended with " + last);
            }
            return new double[]{ttfb, (System.nanoTime() - start) / 1e6, events};
        }
    }

    static String bridgeBase(OkHttpClient client, Path tmp, String session, int port) throws Exception {
        Path tokenFile = tmp.resolve("state/detour/bridges/" + session + ".token");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(tokenFile)) {
                String base = "http://127.0.0.1:" + port + "/t/" + Files.readString(tokenFile).trim();
                try (Response r = client.newCall(new Request.Builder().url(base + "/_detour/stats").build()).execute()) {
                    if (r.code() == 200) {
                        return base;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("bridge " + session + " did not start: " + Files.readString(tmp.resolve(session + ".out")));
    }

    static double p(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    static String f(double v) {
        return String.format("%.2f", v);
    }

    static void start(Path out, List<String> env, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        env.forEach(kv -> pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        CHILDREN.add(pb.start());
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
