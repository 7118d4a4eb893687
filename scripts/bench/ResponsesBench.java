import dev.detour.supervise.BridgeLauncher;
import dev.detour.translate.MessagesToResponsesStream;
import dev.detour.translate.ResponsesToMessagesStream;
import dev.detour.translate.ResponsesTools;
import dev.detour.wire.SseDecoder;
import dev.detour.wire.SseEvent;
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
 * The cost of Responses ⇄ Messages translation: a 200-event streamed answer through bridges, in the same run,
 * (a) Codex's Responses request passed through to a Responses sim, against the same request translated to an
 * Anthropic sim and its Messages stream translated back; (b) Claude Code's Messages request passed through to an
 * Anthropic sim, against the same request translated to the Responses sim and its stream translated back. Each
 * bridge is measured against its sim called directly, so that the sims' own speed cancels out. Prints a table.
 * Run by scripts/bench-bridge: java -cp target/detour.jar scripts/bench/ResponsesBench.java JAR [ROUNDS]
 */
public class ResponsesBench {
    static final MediaType JSON = MediaType.get("application/json");
    static final String PROMPT = "count to 578"; // 194 text deltas: 200 events in either stream
    static final String KEY = "sk-bench-responses-sim";
    static final List<Process> CHILDREN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        })));
        Path tmp = Files.createTempDirectory("bench-responses");
        String java = ProcessHandle.current().info().command().orElse("java");
        start(tmp.resolve("anth.out"), List.of(), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "anth");
        start(tmp.resolve("rsp.out"), List.of(), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0",
                "--family", "openai", "--api", "responses", "--name", "rsp");
        int anthPort = Integer.parseInt(waitFor(tmp.resolve("anth.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)")));
        int rspPort = Integer.parseInt(waitFor(tmp.resolve("rsp.out"), Pattern.compile("127\\.0\\.0\\.1:(\\d+)")));
        int toAnthPort = freePort();
        int toRspPort = freePort();
        Path config = Files.writeString(tmp.resolve("detour.toml"), """
                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "env:BENCH_ANTHROPIC_KEY"
                models = { default = "claude-sonnet-4-5" }

                [upstreams.rsp]
                family = "openai"
                api = "responses"
                base_url = "http://127.0.0.1:%d/v1"
                auth = "env:BENCH_OPENAI_KEY"
                models = { default = "gpt-5" }

                [sessions.to-anth]
                port = %d
                route = ["anth"]

                [sessions.to-rsp]
                port = %d
                route = ["rsp"]
                """.formatted(anthPort, rspPort, toAnthPort, toRspPort));
        List<String> env = List.of("XDG_STATE_HOME=" + tmp.resolve("state"), "BENCH_OPENAI_KEY=" + KEY,
                "BENCH_ANTHROPIC_KEY=sk-bench-anthropic-sim");
        for (String session : List.of("to-anth", "to-rsp")) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(BridgeLauncher.JVM_OPTIONS);
            cmd.addAll(List.of("-jar", jar, "bridge", session, "--config", config.toString()));
            start(tmp.resolve(session + ".out"), env, cmd.toArray(String[]::new));
        }
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(30)).build();
        String toAnth = bridgeBase(client, tmp, "to-anth", toAnthPort);
        String toRsp = bridgeBase(client, tmp, "to-rsp", toRspPort);
        String anth = "http://127.0.0.1:" + anthPort;
        String rsp = "http://127.0.0.1:" + rspPort + "/v1";

        double[][] samples = new double[6][rounds];
        int[] events = new int[6];
        for (int i = -Math.max(300, rounds / 2); i < rounds; i++) { // negative rounds warm up (class loading, JIT)
            double[][] round = {
                    messages(client, anth), messages(client, toAnth),                 // Claude Code: direct, pass-through
                    responses(client, rsp), responses(client, toRsp + "/v1"),         // Codex: direct, pass-through
                    responses(client, toAnth + "/v1"),                                // Codex → Anthropic, translated
                    messages(client, toRsp)};                                         // Claude Code → Responses, translated
            for (int k = 0; k < round.length; k++) {
                events[k] = (int) round[k][2];
                if (i >= 0) {
                    samples[k][i] = round[k][1];
                }
            }
        }
        double claudePass = p(samples[1], 50) - p(samples[0], 50);
        double codexPass = p(samples[3], 50) - p(samples[2], 50);
        double codexToAnth = p(samples[4], 50) - p(samples[0], 50);
        double claudeToRsp = p(samples[5], 50) - p(samples[2], 50);

        String row = "| %-76s | %11s | %9s | %-14s |%n";
        System.out.printf(row, "Responses ⇄ Messages, 200-event stream, " + rounds + " rounds (ms)", "p50", "p99", "target");
        System.out.printf(row, "-".repeat(76), "-".repeat(11), "-".repeat(9), "-".repeat(14));
        String[] names = {"Anthropic sim direct (Messages)", "  via bridge, Messages pass-through",
                "Responses sim direct (Responses)", "  via bridge, Responses pass-through",
                "  via bridge, Codex → Anthropic sim (Responses ⇄ Messages)", "  via bridge, Claude Code → Responses sim (Messages ⇄ Responses)"};
        for (int k = 0; k < names.length; k++) {
            System.out.printf(row, names[k] + " (" + events[k] + " events)", f(p(samples[k], 50)), f(p(samples[k], 99)), "");
        }
        System.out.printf(row, "added by the bridge, pass-through: Messages / Responses", f(claudePass) + " / " + f(codexPass), "", "");
        System.out.printf(row, "translation cost, Codex → Anthropic (over Responses pass-through)", f(codexToAnth - codexPass), "",
                "<= 2 ms at p50");
        System.out.printf(row, "translation cost, Claude Code → Responses (over Messages pass-through)", f(claudeToRsp - claudePass), "",
                "<= 2 ms at p50");
        inProcess(client, anth, rsp, rounds * 10);
        client.dispatcher().executorService().shutdown();
        CHILDREN.forEach(Process::destroy);
        System.exit(0);
    }

    /**
     * The translation alone, in this process, on the two sims' real 200-event streams (bytes captured once): decode
     * and re-encode each event (what pass-through costs) against decode, translate and encode, per whole stream.
     */
    static void inProcess(OkHttpClient client, String anth, String rsp, int rounds) throws IOException {
        byte[] messagesStream = body(client, new Request.Builder().url(anth + "/v1/messages").header("x-api-key", "sk-bench")
                .header("anthropic-version", "2023-06-01").post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\","
                        + "\"max_tokens\":4096,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}", JSON)).build());
        byte[] responsesStream = body(client, new Request.Builder().url(rsp + "/responses").header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create("{\"model\":\"gpt-5\",\"stream\":true,\"input\":\"" + PROMPT + "\"}", JSON)).build());
        double[][] t = new double[4][rounds];
        for (int i = -rounds; i < rounds; i++) { // the first half warms up
            long a = System.nanoTime();
            int n1 = passThrough(messagesStream);
            long b = System.nanoTime();
            int n2 = passThrough(responsesStream);
            long c = System.nanoTime();
            int n3 = messagesToResponses(messagesStream);
            long d = System.nanoTime();
            int n4 = responsesToMessages(responsesStream);
            long e = System.nanoTime();
            if (n1 + n2 + n3 + n4 == 0) {
                throw new IllegalStateException("no events");
            }
            if (i >= 0) {
                t[0][i] = (b - a) / 1e6;
                t[1][i] = (c - b) / 1e6;
                t[2][i] = (d - c) / 1e6;
                t[3][i] = (e - d) / 1e6;
            }
        }
        String row = "| %-76s | %11s | %9s | %-14s |%n";
        System.out.println();
        System.out.printf(row, "in process, per 200-event stream, " + rounds + " rounds (ms)", "p50", "p99", "target");
        System.out.printf(row, "-".repeat(76), "-".repeat(11), "-".repeat(9), "-".repeat(14));
        System.out.printf(row, "pass-through: decode + encode, Messages stream", f(p(t[0], 50)), f(p(t[0], 99)), "");
        System.out.printf(row, "pass-through: decode + encode, Responses stream", f(p(t[1], 50)), f(p(t[1], 99)), "");
        System.out.printf(row, "Messages → Responses (Codex on an Anthropic upstream)", f(p(t[2], 50)), f(p(t[2], 99)), "<= 2 ms at p50");
        System.out.printf(row, "Responses → Messages (Claude Code on a Responses upstream)", f(p(t[3], 50)), f(p(t[3], 99)), "<= 2 ms at p50");
    }

    static byte[] body(OkHttpClient client, Request request) throws IOException {
        try (Response r = client.newCall(request).execute()) {
            return r.body().bytes();
        }
    }

    static int passThrough(byte[] stream) {
        int n = 0;
        for (SseEvent event : new SseDecoder().feed(stream, 0, stream.length)) {
            n += event.bytes().length > 0 ? 1 : 0;
        }
        return n;
    }

    static int messagesToResponses(byte[] stream) {
        MessagesToResponsesStream translator = new MessagesToResponsesStream(ResponsesTools.none(), "gpt-5");
        int n = 0;
        for (SseEvent event : new SseDecoder().feed(stream, 0, stream.length)) {
            for (SseEvent out : translator.translate(new SseEvent(event.type(), event.json()))) {
                n += out.bytes().length > 0 ? 1 : 0;
            }
        }
        return n;
    }

    static int responsesToMessages(byte[] stream) {
        ResponsesToMessagesStream translator = new ResponsesToMessagesStream("claude-sonnet-4-5");
        int n = 0;
        for (SseEvent out : translator.feed(stream, 0, stream.length)) {
            n += out.bytes().length > 0 ? 1 : 0;
        }
        for (SseEvent out : translator.end()) {
            n += out.bytes().length > 0 ? 1 : 0;
        }
        return n;
    }

    /** A streamed Messages answer: {ttfb ms, whole stream ms, events}; throws unless it ends with message_stop. */
    static double[] messages(OkHttpClient client, String base) throws IOException {
        Request request = new Request.Builder().url(base + "/v1/messages").header("x-api-key", "sk-bench-dummy").header("anthropic-version", "2023-06-01")
                .post(RequestBody.create("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":4096,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}", JSON)).build();
        return read(client, request, "event: message_stop", "event: ");
    }

    /** A streamed Responses answer as Codex asks for it: {ttfb ms, whole stream ms, events}; ends with response.completed. */
    static double[] responses(OkHttpClient client, String base) throws IOException {
        Request request = new Request.Builder().url(base + "/responses").header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create("{\"model\":\"gpt-5\",\"stream\":true,\"store\":false,\"input\":["
                        + "{\"type\":\"message\",\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"be brief\"}]},"
                        + "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"" + PROMPT + "\"}]}]}",
                        JSON)).build();
        return read(client, request, "event: response.completed", "event: ");
    }

    static double[] read(OkHttpClient client, Request request, String lastLine, String eventPrefix) throws IOException {
        long start = System.nanoTime();
        try (Response r = client.newCall(request).execute()) {
            if (r.code() != 200) {
                throw new IOException(request.url() + ": HTTP " + r.code() + ": " + r.body().string());
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
                throw new IOException(request.url() + ": stream ended with " + last);
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
