import com.sun.net.httpserver.HttpServer;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.health.ProbeLadder;
import dev.detour.health.ProbeResult;
import dev.detour.health.ProbeTarget;
import dev.detour.health.Prober;
import okhttp3.Dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes N upstreams on 127.0.0.1 at once with several pool sizes; run by scripts/bench-health. Args: N DELAY_MS.
 * "answering" upstreams reply after DELAY_MS; "silent" ones accept and never answer (the caller's bound decides).
 */
public class HealthBench {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int delayMs = Integer.parseInt(args[1]);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/", exchange -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(delayMs);
                byte[] body = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
        ServerSocket silent = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    held.add(silent.accept());
                } catch (Exception closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();

        System.out.printf("%-10s %-9s %-8s %-9s %-11s %-12s %-11s%n",
                "upstreams", "kind", "threads", "bound ms", "caller ms", "max at once", "answered");
        for (int threads : new int[]{4, 8, 16, 32}) {
            row(n, "answering", threads, 10_000, "http://127.0.0.1:" + server.getAddress().getPort(), maxInFlight);
        }
        for (int threads : new int[]{8, 16}) {
            row(n, "silent", threads, 1_000, "http://127.0.0.1:" + silent.getLocalPort(), null);
        }
        server.stop(0);
        silent.close();
        System.exit(0);
    }

    private static void row(int n, String kind, int threads, long boundMs, String url, AtomicInteger maxInFlight) {
        List<ProbeTarget> targets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            targets.add(ProbeTarget.forUpstream(new Upstream("u" + i, Family.ANTHROPIC, url, "passthrough", null, null,
                    Map.of()), Map.of()));
        }
        if (maxInFlight != null) {
            maxInFlight.set(0);
        }
        try (Prober prober = new Prober(threads, Duration.ofSeconds(5), ProbeLadder.platformTrust(), Dns.SYSTEM)) {
            long start = System.nanoTime();
            List<ProbeResult> results = prober.probeAll(targets, Duration.ofMillis(boundMs));
            long ms = (System.nanoTime() - start) / 1_000_000;
            long answered = results.stream().filter(ProbeResult::ok).count();
            System.out.printf("%-10d %-9s %-8d %-9d %-11d %-12s %-11d%n", n, kind, threads, boundMs, ms,
                    maxInFlight == null ? "-" : String.valueOf(maxInFlight.get()), answered);
        }
    }
}
