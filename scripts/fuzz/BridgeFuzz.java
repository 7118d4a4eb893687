import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Throws malformed HTTP, hostile headers, paths and bodies at a running bridge (against a `detour sim`, all on
 * 127.0.0.1) and checks that every request is answered with a status in the agent's dialect, that a normal request
 * is still served as fast afterwards, and that no thread or file descriptor leaked. Prints a table.
 * Usage: java -cp detour.jar BridgeFuzz.java JAR [SECONDS_BOUND]
 */
public class BridgeFuzz {
    static final String SLOWLORIS = "slowloris (a header byte every 500 ms)";
    /** Cases on Codex's Responses path: their answers are in the OpenAI error shape. */
    static final String OPENAI_SHAPED = "Responses path: ";
    static String token;
    static int port;

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        long bound = args.length > 1 ? Long.parseLong(args[1]) : 240;
        long deadline = System.nanoTime() + bound * 1_000_000_000L;
        Path dir = Files.createTempDirectory("detour-fuzz-bridge");
        int simPort = freePort();
        port = freePort();
        Path config = dir.resolve("detour.toml");
        Files.writeString(config, "[upstreams.sim]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:" + simPort
                + "\"\nauth = \"env:FUZZ_KEY\"\n\n[sessions.main]\nport = " + port + "\nroute = [\"sim\"]\n");
        List<Process> started = new ArrayList<>();
        try {
            started.add(start(dir, "sim.out", List.of("java", "-XX:+UseSerialGC", "-jar", jar, "sim", "--port", "" + simPort)));
            ProcessBuilder bridge = new ProcessBuilder(List.of("java", "-XX:+UseSerialGC", "-Xmx192m", "-Xss256k", "-jar", jar,
                    "bridge", "main", "--config", config.toString()));
            bridge.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
            bridge.environment().put("FUZZ_KEY", "sk-ant-" + "fuzz-key-not-real-0000");
            bridge.redirectErrorStream(true).redirectOutput(dir.resolve("bridge.out").toFile());
            Process b = bridge.start();
            started.add(b);
            Path tokenFile = dir.resolve("state/detour/bridges/main.token");
            while (!ready(tokenFile)) {
                if (System.nanoTime() > deadline || !b.isAlive()) {
                    throw new IllegalStateException("the bridge did not start: " + Files.readString(dir.resolve("bridge.out")));
                }
                Thread.sleep(100);
            }
            long pid = b.pid();
            for (int i = 0; i < 30; i++) {
                normal();
            }
            double p50Before = p50(60);
            Thread.sleep(1500);
            int threadsBefore = count("/proc/" + pid + "/task");
            int fdsBefore = count("/proc/" + pid + "/fd");

            Map<String, Supplier<byte[]>> cases = cases();
            int dialect = 0, statusOnly = 0, none = 0;
            List<String> notInDialect = new ArrayList<>();
            System.out.printf("%-44s %7s  %s%n", "case", "status", "answer");
            for (Map.Entry<String, Supplier<byte[]>> c : cases.entrySet()) {
                if (System.nanoTime() > deadline) {
                    System.out.println("time bound reached; " + (cases.size() - dialect - statusOnly - none) + " cases not run");
                    break;
                }
                String answer = c.getKey().equals(SLOWLORIS) ? slowloris() : finalAnswer(exchange(c.getValue().get(), 8000));
                int status = answer.startsWith("HTTP/1.") ? Integer.parseInt(answer.substring(9, 12)) : 0;
                String body = answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : "";
                String kind;
                boolean headOrUnfinished = c.getKey().startsWith("method HEAD") || c.getKey().startsWith("truncated");
                if (headOrUnfinished) {
                    kind = status == 0 ? "no answer (the request never ended: expected)" : "status, no body (expected)";
                    dialect++;
                } else if (status == 0) {
                    kind = "no answer";
                    none++;
                    notInDialect.add(c.getKey());
                } else if (c.getKey().startsWith(OPENAI_SHAPED) ? body.contains("\"error\":{") && !body.contains("\"type\":\"error\"")
                        : body.contains("\"type\":\"error\"") || status < 400 && body.startsWith("{")) {
                    kind = "agent dialect";
                    dialect++;
                } else {
                    kind = "status, not in the dialect: " + body.replaceAll("\\s+", " ").substring(0, Math.min(40, body.length()));
                    statusOnly++;
                    notInDialect.add(c.getKey());
                }
                System.out.printf("%-44s %7s  %s%n", c.getKey(), status == 0 ? "-" : status, kind);
            }
            Thread.sleep(2000);
            double p50After = p50(60);
            int threadsAfter = count("/proc/" + pid + "/task");
            int fdsAfter = count("/proc/" + pid + "/fd");
            System.out.println();
            System.out.printf("%-44s %s%n", "cases", cases.size());
            System.out.printf("%-44s %d%n", "answered in the agent's dialect", dialect);
            System.out.printf("%-44s %d%n", "answered with a status only (JDK server)", statusOnly);
            System.out.printf("%-44s %d%n", "not answered", none);
            System.out.printf("%-44s %.1f ms -> %.1f ms (%s)%n", "normal request p50 before -> after", p50Before, p50After,
                    p50After - p50Before <= 100 ? "within 100 ms" : "SLOWER BY MORE THAN 100 ms");
            System.out.printf("%-44s %d -> %d (%s)%n", "bridge threads before -> after", threadsBefore, threadsAfter,
                    threadsAfter <= threadsBefore + 2 ? "no leak" : "LEAK");
            System.out.printf("%-44s %d -> %d (%s)%n", "bridge file descriptors before -> after", fdsBefore, fdsAfter,
                    fdsAfter <= fdsBefore + 2 ? "no leak" : "LEAK");
            System.out.printf("%-44s %s%n", "bridge alive at the end", b.isAlive());
            boolean ok = none == 0 && statusOnly == 0 && p50After - p50Before <= 100 && threadsAfter <= threadsBefore + 2
                    && fdsAfter <= fdsBefore + 2 && b.isAlive();
            if (!notInDialect.isEmpty()) {
                System.out.println("not in the agent's dialect: " + notInDialect);
            }
            System.out.println(ok ? "fuzz-bridge: PASS" : "fuzz-bridge: FAIL");
            System.exit(ok ? 0 : 1);
        } finally {
            for (Process p : started) {
                p.destroy();
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    static Map<String, Supplier<byte[]>> cases() throws IOException {
        Map<String, Supplier<byte[]>> c = new LinkedHashMap<>();
        String t = "/t/" + token;
        String json = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        c.put("garbage request line", () -> b("GARBAGE\r\n\r\n"));
        c.put("method only", () -> b("GET\r\n\r\n"));
        c.put("HTTP/9.9", () -> b("GET " + t + "/v1/models HTTP/9.9\r\nHost: x\r\n\r\n"));
        c.put("NUL bytes in the request line", () -> b("GET " + t + "/v1/mo\0dels HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        c.put("binary junk", () -> { byte[] r = new byte[4096]; new java.util.Random(1).nextBytes(r); return r; });
        c.put("100 KiB URI", () -> b("GET " + t + "/v1/" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        c.put("header without a colon", () -> req("GET", t + "/v1/models", "NoColonHere\r\n", ""));
        c.put("100 KiB header", () -> req("GET", t + "/v1/models", "X-Big: " + "b".repeat(100_000) + "\r\n", ""));
        c.put("2000 headers", () -> req("GET", t + "/v1/models", "X-H: v\r\n".repeat(2000), ""));
        c.put("Connection: keep-alive, Keep-Alive", () -> req("GET", t + "/v1/models", "Connection: keep-alive, Keep-Alive\r\n", ""));
        c.put("Connection: close, Close", () -> req("GET", t + "/v1/models", "Connection: close, Close\r\n", ""));
        c.put("Connection: x-api-key (strip a header)", () -> req("GET", t + "/v1/models", "Connection: x-api-key\r\n", ""));
        c.put("Expect: 100-continue", () -> req("POST", t + "/v1/messages", "Expect: 100-continue\r\nContent-Type: application/json\r\n", json));
        c.put("Content-Length: -1", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\nConnection: close\r\n\r\n" + json));
        c.put("Content-Length: abc", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n" + json));
        c.put("two different Content-Lengths", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: "
                + json.length() + "\r\nConnection: close\r\n\r\n" + json));
        c.put("Content-Length and chunked", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n"));
        c.put("bad chunk size", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n"));
        c.put("Transfer-Encoding: gzip, chunked", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"));
        c.put("path ../../../admin", () -> req("GET", t + "/v1/../../../admin/secret", "", ""));
        c.put("path %2e%2e", () -> req("GET", t + "/v1/%2e%2e/%2e%2e/admin", "", ""));
        c.put("path ..%2f", () -> req("GET", t + "/v1/..%2f..%2fadmin", "", ""));
        c.put("path %00", () -> req("GET", t + "/v1/models%00", "", ""));
        c.put("path unicode", () -> req("GET", t + "/v1/m%C3%B6dels/%F0%9F%92%A5", "", ""));
        c.put("path //", () -> req("GET", t + "//v1//models", "", ""));
        c.put("no token", () -> req("GET", "/v1/models", "", ""));
        c.put("wrong token", () -> req("GET", "/t/" + "0".repeat(token.length()) + "/v1/models", "", ""));
        c.put("absolute-form target", () -> b("GET http://127.0.0.1:" + port + t + "/v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        c.put("body not JSON", () -> req("POST", t + "/v1/messages", "Content-Type: application/json\r\n", "not json {{{"));
        c.put("JSON nested 100000 deep", () -> req("POST", t + "/v1/messages", "Content-Type: application/json\r\n",
                "[".repeat(100_000) + "]".repeat(100_000)));
        c.put("gzip body that is not gzip", () -> req("POST", t + "/v1/messages", "Content-Encoding: gzip\r\n", "not gzip"));
        c.put("gzip bomb (1 GiB of zeros)", BridgeFuzz::gzipBomb);
        c.put("Content-Encoding: br", () -> req("POST", t + "/v1/messages", "Content-Encoding: br\r\n", json));
        c.put("10 MiB body", () -> req("POST", t + "/v1/messages", "Content-Type: application/json\r\n",
                json.replace("\"hi\"", "\"" + "x".repeat(10 * 1024 * 1024) + "\"")));
        c.put("40 MiB body", () -> req("POST", t + "/v1/messages", "Content-Type: application/json\r\n",
                json.replace("\"hi\"", "\"" + "x".repeat(40 * 1024 * 1024) + "\"")));
        c.put("truncated body (says 100, sends 10)", () -> b("POST " + t + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789"));
        c.put("control path unknown", () -> req("GET", t + "/_detour/../_detour/stats", "", ""));
        c.put("method TRACE", () -> req("TRACE", t + "/v1/models", "", ""));
        c.put("method HEAD", () -> req("HEAD", t + "/v1/models", "", ""));
        c.put(OPENAI_SHAPED + "header without a colon", () -> req("POST", t + "/v1/responses", "NoColonHere\r\n", "{}"));
        c.put(OPENAI_SHAPED + "Transfer-Encoding: gzip, chunked", () -> b("POST " + t + "/v1/responses HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n"));
        c.put(SLOWLORIS, () -> new byte[0]);
        return c;
    }

    /** A request head trickled a byte at a time: the bridge must answer (408) rather than hold a thread for it. */
    static String slowloris() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(b("GET /t/" + token + "/v1/models HTTP/1.1\r\nHost: x\r\nX-Slow: "));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                for (int i = 0; i < 60 && in.available() == 0; i++) {
                    out.write('z');
                    out.flush();
                    Thread.sleep(500);
                }
            } catch (IOException resetWhileSending) {
                // the bridge answered and closed; read what it said
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (IOException quietOrReset) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    static byte[] gzipBomb() {
        try {
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 1024; i++) {
                    gz.write(zeros);
                }
            }
            byte[] body = packed.toByteArray();
            byte[] head = b("POST /t/" + token + "/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Encoding: gzip\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n");
            byte[] all = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            return all;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] req(String method, String target, String headers, String body) {
        return b(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "Connection: close\r\n"
                + (body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n") + "\r\n" + body);
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static boolean ready(Path tokenFile) {
        try {
            token = Files.readString(tokenFile).trim();
            return exchange(req("GET", "/t/" + token + "/v1/models", "", ""), 2000).startsWith("HTTP/1.1 ");
        } catch (IOException notYet) {
            return false;
        }
    }

    static void normal() throws IOException {
        String answer = exchange(req("GET", "/t/" + token + "/v1/models", "", ""), 10_000);
        if (!answer.startsWith("HTTP/1.1 ")) {
            throw new IOException("a normal request got no answer");
        }
    }

    static double p50(int n) throws IOException {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            normal();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[n / 2];
    }

    /** The answer past any interim 1xx ones (a {@code 100 Continue} before the final status is correct HTTP). */
    static String finalAnswer(String answer) {
        String rest = answer;
        while (rest.matches("(?s)HTTP/1\\.[01] 1\\d\\d.*") && rest.contains("\r\n\r\n")) {
            rest = rest.substring(rest.indexOf("\r\n\r\n") + 4);
        }
        return rest;
    }

    static String exchange(byte[] request, int quietMs) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(quietMs);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException resetWhileSending) {
                // the server answered early and closed; read what it said
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException quietOrReset) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    static int count(String dir) {
        String[] names = new File(dir).list();
        return names == null ? -1 : names.length;
    }

    static Process start(Path dir, String out, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(out).toFile()).start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
