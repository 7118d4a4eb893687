package dev.detour.health;

import dev.detour.config.Family;
import dev.detour.wire.FailureClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Many upstreams at once: a bounded pool, and a caller that never waits past its bound. */
class ProberTest {
    private static List<ProbeTarget> targets(int n, String baseUrl) {
        List<ProbeTarget> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(ProbeTarget.forUpstream(ProbeLadderTest.upstream("up" + i, Family.ANTHROPIC, baseUrl, "passthrough"), Map.of()));
        }
        return list;
    }

    private static long probeThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(Prober.THREAD_PREFIX)).count();
    }

    @Test
    void fiftyUpstreamsProbeConcurrentlyOnABoundedPool() throws Exception {
        int threads = 8;
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(200, "{\"data\":[]}").delayed(150));
             Prober prober = new Prober(threads, Duration.ofSeconds(5), ProbeLadder.platformTrust(), ProbeLadderTest.LOOPBACK_ONLY)) {
            long before = probeThreadsAlive();
            List<ProbeResult> results = prober.probeAll(targets(50, s.url()), Duration.ofSeconds(30));
            assertEquals(50, results.size());
            for (int i = 0; i < 50; i++) {
                assertEquals("up" + i, results.get(i).name(), "results come back in the order of the targets");
                assertTrue(results.get(i).ok(), results.get(i).reason());
            }
            assertEquals(50, s.seen.size());
            assertTrue(s.maxInFlight.get() > 1, "probes ran one at a time: " + s.maxInFlight.get());
            assertTrue(s.maxInFlight.get() <= threads, "more probes at once than threads: " + s.maxInFlight.get());
            assertTrue(prober.largestPoolSize() <= threads, "pool grew to " + prober.largestPoolSize());
            assertTrue(probeThreadsAlive() - before <= threads);
        }
    }

    @Test
    void theCallerNeverWaitsPastItsBoundAndStuckProbesSayWhere() throws Exception {
        try (Loopback.Silent silent = new Loopback.Silent();
             Prober prober = new Prober(8, Duration.ofSeconds(30), ProbeLadder.platformTrust(), ProbeLadderTest.LOOPBACK_ONLY)) {
            long start = System.nanoTime();
            List<ProbeResult> results = prober.probeAll(targets(50, "http://127.0.0.1:" + silent.port()), Duration.ofMillis(800));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 5_000, "probeAll took " + tookMs + " ms with a bound of 800 ms and 30 s probe timeouts");
            assertEquals(50, results.size());
            long started = results.stream().filter(r -> r.failureClass() != null).count();
            assertTrue(started <= 8, "more probes started than threads: " + started);
            for (ProbeResult r : results) {
                if (r.failureClass() == null) {
                    assertTrue(r.reason().startsWith("not probed within 800 ms"), r.reason());
                } else if (r.failedRung() == Rung.HTTP) {
                    assertEquals(FailureClass.OUTAGE, r.failureClass());
                    assertEquals("no answer after connect (timed out) within 800 ms", r.reason());
                } else {
                    assertEquals(Rung.CONNECT, r.failedRung(), () -> "stuck elsewhere: " + r);
                    assertEquals("connect timed out within 800 ms", r.reason());
                }
            }
        }
    }
}
