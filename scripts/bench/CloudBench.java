import dev.detour.supervise.BridgeLauncher;
import dev.detour.cloud.AwsAuth;
import dev.detour.cloud.SigV4;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost of a Bedrock upstream: a 200-event stream from the Bedrock sim (AWS event-stream frames, SigV4) through a
 * bridge that re-frames it as SSE, against Anthropic pass-through in the same run, each against its sim called
 * directly (the bench signs its direct Bedrock calls with the same signer). Then the bridges' RSS: pass-through,
 * Bedrock (AWS signer and framing loaded), Vertex with ADC (google-auth-library loaded). Prints a table.
 * Run by scripts/bench-bridge: java -cp target/detour.jar scripts/bench/CloudBench.java JAR [ROUNDS]
 */
public class CloudBench {
    static final MediaType JSON = MediaType.get("application/json");
    static final String PROMPT = "count to 578"; // 194 text deltas: 200 events
    static final String BODY = "{\"model\":\"claude-sonnet-4-5-20250929\",\"max_tokens\":4096,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    static final String BEDROCK_BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":4096,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
    static final String MODEL_PATH = "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream";
    static final AwsAuth.Keys KEYS = new AwsAuth.Keys("AKIDBENCH0000000000", "bench-secret-not-real", null, "bench");
    static final List<Process> CHILDREN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        })));
        Path tmp = Files.createTempDirectory("bench-cloud");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> aws = List.of("AWS_ACCESS_KEY_ID=" + KEYS.accessKeyId(), "AWS_SECRET_ACCESS_KEY=" + KEYS.secretAccessKey());
        start(tmp.resolve("anth.out"), List.of(), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "anth");
        start(tmp.resolve("bedrock.out"), aws, java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "bedrock",
                "--api", "bedrock", "--region", "us-west-2");
        start(tmp.resolve("vertex.out"), List.of(), java, "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "0", "--name", "vertex",
                "--api", "vertex", "--project", "bench-project", "--region", "europe-west1");
        Pattern listening = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");
        int anthPort = Integer.parseInt(waitFor(tmp.resolve("anth.out"), listening));
        int bedrockPort = Integer.parseInt(waitFor(tmp.resolve("bedrock.out"), listening));
        int vertexPort = Integer.parseInt(waitFor(tmp.resolve("vertex.out"), listening));
        int passPort = freePort(), cloudPort = freePort(), vertexBridgePort = freePort();
        Path config = Files.writeString(tmp.resolve("detour.toml"), """
                [upstreams.anth]
                family = "anthropic"
                base_url = "http://127.0.0.1:%d"
                auth = "passthrough"

                [upstreams.bedrock]
                family = "anthropic"
                api = "bedrock"
                region = "us-west-2"
                auth = "aws"
                base_url = "http://127.0.0.1:%d"

                [upstreams.vertex]
                family = "anthropic"
                api = "vertex"
                project = "bench-project"
                region = "europe-west1"
                auth = "gcloud"
                base_url = "http://127.0.0.1:%d"

                [sessions.pass]
                port = %d
                route = ["anth"]

                [sessions.bedrock]
                port = %d
                route = ["bedrock"]

                [sessions.vertex]
                port = %d
                route = ["vertex"]
                """.formatted(anthPort, bedrockPort, vertexPort, passPort, cloudPort, vertexBridgePort));
        List<String> env = new ArrayList<>(aws);
        env.add("XDG_STATE_HOME=" + tmp.resolve("state"));
        env.add("GOOGLE_APPLICATION_CREDENTIALS=" + serviceAccount(tmp, "http://127.0.0.1:" + vertexPort + "/token"));
        Map<String, Process> bridges = new LinkedHashMap<>();
        for (String session : List.of("pass", "bedrock", "vertex")) {
            List<String> cmd = new ArrayList<>(List.of(java));
            cmd.addAll(BridgeLauncher.JVM_OPTIONS);
            cmd.addAll(List.of("-jar", jar, "bridge", session, "--config", config.toString()));
            bridges.put(session, start(tmp.resolve(session + ".out"), env, cmd.toArray(String[]::new)));
        }
        OkHttpClient client = new OkHttpClient.Builder().connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                .readTimeout(Duration.ofSeconds(30)).build();
        String pass = bridgeBase(client, tmp, "pass", passPort);
        String cloud = bridgeBase(client, tmp, "bedrock", cloudPort);
        String vertexBridge = bridgeBase(client, tmp, "vertex", vertexBridgePort);
        String anth = "http://127.0.0.1:" + anthPort;
        String bedrock = "http://127.0.0.1:" + bedrockPort;
        long rssIdle = rssKb(bridges.get("bedrock"));
        long rssPassIdle = rssKb(bridges.get("pass"));

        int cloudEvents = 0;
        for (int i = 0; i < Math.max(300, rounds / 2); i++) { // warm-up: class loading and JIT out of the measured rounds
            sse(client, anth);
            sse(client, pass);
            bedrockDirect(client, bedrock);
            cloudEvents = (int) sse(client, cloud)[2];
        }
        for (int i = 0; i < 20; i++) {
            sse(client, vertexBridge);
        }
        double[][] directAnth = new double[2][rounds], viaPass = new double[2][rounds];
        double[][] directBedrock = new double[2][rounds], viaCloud = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            record(directAnth, i, sse(client, anth));
            record(viaPass, i, sse(client, pass));
            record(directBedrock, i, bedrockDirect(client, bedrock));
            record(viaCloud, i, sse(client, cloud));
        }
        double passAdded = p(viaPass[1], 50) - p(directAnth[1], 50);
        double cloudAdded = p(viaCloud[1], 50) - p(directBedrock[1], 50);

        String row = "| %-58s | %13s | %9s | %-14s |%n";
        System.out.printf(row, "200-event stream, " + rounds + " rounds (ms)", "p50", "p99", "target");
        System.out.printf(row, "-".repeat(58), "-".repeat(13), "-".repeat(9), "-".repeat(14));
        System.out.printf(row, "Anthropic sim direct: whole stream", f(p(directAnth[1], 50)), f(p(directAnth[1], 99)), "");
        System.out.printf(row, "  via bridge, pass-through", f(p(viaPass[1], 50)), f(p(viaPass[1], 99)), "");
        System.out.printf(row, "Bedrock sim direct (SigV4, event-stream): whole stream", f(p(directBedrock[1], 50)),
                f(p(directBedrock[1], 99)), "");
        System.out.printf(row, "  via bridge, event-stream to SSE (" + cloudEvents + " events)", f(p(viaCloud[1], 50)),
                f(p(viaCloud[1], 99)), "");
        System.out.printf(row, "added by the bridge, pass-through (whole stream)", f(passAdded), "", "");
        System.out.printf(row, "added by the bridge, Bedrock (whole stream)", f(cloudAdded), "", "");
        System.out.printf(row, "Bedrock cost over pass-through (whole stream)", f(cloudAdded - passAdded), "", "<= 1 ms at p50");
        System.out.printf(row, "TTFB added: pass-through / Bedrock",
                f(p(viaPass[0], 50) - p(directAnth[0], 50)) + " / " + f(p(viaCloud[0], 50) - p(directBedrock[0], 50)), "", "");
        System.out.printf(row, "bridge RSS idle after start: pass-through / Bedrock (MiB)",
                rssPassIdle / 1024 + " / " + rssIdle / 1024, "", "");
        System.out.printf(row, "bridge RSS after the rounds: pass / Bedrock / Vertex ADC",
                rssKb(bridges.get("pass")) / 1024 + " / " + rssKb(bridges.get("bedrock")) / 1024 + " / "
                        + rssKb(bridges.get("vertex")) / 1024 + " MiB", "", "");
        client.dispatcher().executorService().shutdown();
        CHILDREN.forEach(Process::destroy);
        System.exit(0);
    }

    static void record(double[][] into, int i, double[] sample) {
        into[0][i] = sample[0];
        into[1][i] = sample[1];
    }

    /** A streamed Messages answer: {ttfb ms, whole stream ms, events}; throws unless it ends with message_stop. */
    static double[] sse(OkHttpClient client, String base) throws IOException {
        Request request = new Request.Builder().url(base + "/v1/messages").header("x-api-key", "sk-bench-dummy")
                .header("anthropic-version", "2023-06-01").post(RequestBody.create(BODY, JSON)).build();
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
                if (line.startsWith("event: ")) {
                    events++;
                    last = line;
                }
            }
            if (!"event: message_stop".equals(last)) {
                throw new IOException("stream ended with " + last);
            }
            return new double[]{ttfb, (System.nanoTime() - start) / 1e6, events};
        }
    }

    /** A signed InvokeModelWithResponseStream read to its end: {ttfb ms, whole stream ms}. */
    static double[] bedrockDirect(OkHttpClient client, String base) throws IOException {
        String url = base + MODEL_PATH;
        Map<String, String> headers = Map.of("Content-Type", "application/json");
        byte[] body = BEDROCK_BODY.getBytes();
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        SigV4.sign("POST", URI.create(url), headers, body, KEYS, "us-west-2", Clock.systemUTC()).forEach(request::header);
        long start = System.nanoTime();
        try (Response r = client.newCall(request.build()).execute()) {
            if (r.code() != 200) {
                throw new IOException("HTTP " + r.code() + ": " + r.body().string());
            }
            BufferedSource source = r.body().source();
            source.require(1);
            double ttfb = (System.nanoTime() - start) / 1e6;
            long bytes = 0;
            byte[] buffer = new byte[8192];
            for (int n; (n = source.read(buffer)) > 0; ) {
                bytes += n;
            }
            if (bytes < 10_000) {
                throw new IOException("a short Bedrock stream: " + bytes + " bytes");
            }
            return new double[]{ttfb, (System.nanoTime() - start) / 1e6};
        }
    }

    static String serviceAccount(Path tmp, String tokenUri) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder()
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----\\n";
        String json = "{\"type\":\"service_account\",\"project_id\":\"bench-project\",\"private_key_id\":\"01\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"bench@bench-project.iam.gserviceaccount.com\","
                + "\"client_id\":\"1\",\"token_uri\":\"" + tokenUri + "\"}";
        return Files.writeString(tmp.resolve("service-account.json"), json).toString();
    }

    static long rssKb(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
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

    static Process start(Path out, List<String> env, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        env.forEach(kv -> pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        Process p = pb.start();
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
