package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.DetourPaths;
import dev.detour.config.Failover;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.wire.FailureClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/** The background monitor the dashboard uses: it follows an upstream going down and journals the change. */
class HealthMonitorTest {
    @TempDir
    Path dir;

    @Test
    void followsAnUpstreamFromHealthyToOverloadedAndJournalsIt() throws Exception {
        try (Loopback.Server server = Loopback.http(Loopback.Answer.json(200, "{\"data\":[]}"))) {
            Map<String, Upstream> ups = new LinkedHashMap<>();
            ups.put("sim", new Upstream("sim", Family.ANTHROPIC, server.url(), "passthrough", null, null, Map.of()));
            ups.put("spare", new Upstream("spare", Family.ANTHROPIC, "http://127.0.0.1:" + Loopback.closedPort(),
                    "passthrough", null, null, Map.of()));
            Config config = new Config(new Settings(1, 60, 90, List.of("127.0.0.1:" + server.port())), ups,
                    Map.of("main", new Session("main", 18999, List.of("sim", "spare"), Failover.SAME_FAMILY)));
            EventJournal journal = new EventJournal(dir.resolve("events.jsonl"));
            AtomicInteger published = new AtomicInteger();
            HealthCheck check = new HealthCheck(new Prober(4, Duration.ofSeconds(1), ProbeLadder.platformTrust(),
                    ProbeLadderTest.LOOPBACK_ONLY), new StatusPageClient(Duration.ofSeconds(1)), Map.of(),
                    new DetourPaths(dir.resolve("state")));
            try (HealthMonitor monitor = new HealthMonitor(check, () -> config, s -> published.incrementAndGet(), journal)) {
                monitor.start();
                HealthSnapshot healthy = await(monitor, s -> s.upstream("sim").orElseThrow().state() == HealthState.HEALTHY);
                assertEquals(HealthState.DOWN, healthy.upstream("spare").orElseThrow().state());
                server.answer(Loopback.Answer.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
                HealthSnapshot down = await(monitor, s -> s.upstream("sim").orElseThrow().state() == HealthState.DOWN);
                assertEquals(FailureClass.OVERLOADED, down.upstream("sim").orElseThrow().failureClass());
                assertEquals("sim: overloaded (529 overloaded_error: Overloaded) → no healthy upstream to reroute main to; wait for it, or add an upstream",
                        down.advice().get(0).text());
                assertTrue(published.get() >= 2);
            }
            List<Event> events = journal.newest(10);
            assertTrue(events.stream().anyMatch(e -> e.kind().equals("health") && "healthy".equals(e.from())
                    && "down".equals(e.to()) && e.reason().startsWith("sim: overloaded")), events.toString());
        }
    }

    private static HealthSnapshot await(HealthMonitor monitor, Predicate<HealthSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            HealthSnapshot s = monitor.latest();
            if (s != null && condition.test(s)) {
                return s;
            }
            Thread.sleep(50);
        }
        fail("no such snapshot within 15 s; newest: " + monitor.latest());
        return null;
    }
}
