package dev.detour.tui;

import dev.detour.tui.model.AdviceView;
import dev.detour.tui.model.AgentView;
import dev.detour.tui.model.BridgeState;
import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.UpstreamView;

import dev.detour.testing.TestConfig;
import dev.detour.health.HealthState;
import dev.detour.wire.BridgeStats;
import dev.detour.wire.BridgeStats.RequestRecord;
import dev.detour.wire.BridgeStats.UpstreamStats;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.LoadedConfig;
import dev.detour.health.HealthState;
import dev.detour.journal.Event;
import dev.detour.wire.BridgeStats.RequestRecord;
import dev.detour.wire.BridgeStats.UpstreamStats;
import dev.detour.wire.BridgeStats;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dashboard data built in code: a config like the demo's, bridges with traffic, health, agents and events. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    public static final String CONFIG = TestConfig.demoLike().text();

    private Fixtures() {
    }

    public static LoadedConfig loaded(String text) {
        try {
            return ConfigLoader.parse(Path.of("/home/dev/.config/detour/detour.toml"), text);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    public static Snapshot snapshot() {
        LoadedConfig loaded = loaded(CONFIG);
        Snapshot snap = Snapshot.of(loaded.file(), loaded.config());
        Map<String, BridgeView> bridges = new LinkedHashMap<>();
        bridges.put("main", running("main", 8781, List.of("anthropic", "corp-proxy", "openai"), "corp-proxy", 12, 4));
        bridges.put("api", running("api", 8782, List.of("anthropic", "corp-proxy"), "anthropic", 6, 0));
        bridges.put("docs", BridgeView.stopped("docs", NOW));
        Map<String, UpstreamView> health = new LinkedHashMap<>();
        health.put("anthropic", new UpstreamView("anthropic", HealthState.DOWN, 2300L, 0.7,
                "overloaded: 529 on 14 of 20 requests in 2 min", "Elevated errors on Claude Opus · investigating 23m",
                List.of("dns      ok    2ms", "tcp      ok    1ms", "http     529   80ms"), NOW));
        health.put("corp-proxy", new UpstreamView("corp-proxy", HealthState.HEALTHY, 180L, 0.0, null, null,
                List.of("dns ok", "tcp ok", "http 200"), NOW));
        health.put("openai", new UpstreamView("openai", HealthState.DEGRADED, 650L, 0.1, "slow first token", null,
                List.of(), NOW));
        List<AgentView> agents = List.of(
                new AgentView(4242, "claude", "/home/dev/src/app", "main", "busy", "work:1.0"),
                new AgentView(4243, "claude", "/home/dev/src/app", "main", "idle", "work:1.1"),
                new AgentView(5000, "claude", "/home/dev/src/other", null, "busy", null));
        List<Event> events = List.of(
                new Event(NOW.minusSeconds(40), "breaker", "main", "closed", "open", "anthropic: 529 ×5"),
                new Event(NOW.minusSeconds(30), "failover", "main", "anthropic", "corp-proxy", "529 overloaded"));
        Snapshot.Freshness fresh = new Snapshot.Freshness(NOW.minusSeconds(1), Duration.ofSeconds(1));
        return snap.withBridges(bridges, fresh)
                .withHealth(health, List.of(new AdviceView("anthropic",
                                "anthropic: overloaded (529) → reroute main, api to corp-proxy (healthy, 180 ms)",
                                "detour reroute main api --to corp-proxy", Map.of("corp-proxy", List.of("main", "api")))),
                        new Snapshot.Freshness(NOW.minusSeconds(4), Duration.ofSeconds(15)))
                .withAgents(agents, new Snapshot.Freshness(NOW.minusSeconds(1), Duration.ofSeconds(2)))
                .withEvents(events, fresh);
    }

    public static BridgeView running(String session, int port, List<String> route, String serving, int requests, int failures) {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            boolean failed = i < failures;
            records.add(new RequestRecord(NOW.minusSeconds(50 - i * 4L), "POST", "/v1/messages",
                    failed ? "anthropic" : serving, failed ? 529 : 200, failed ? null : 120L, 900,
                    failed ? "overloaded" : null, "cc-session-1", "claude-sonnet-4-5", null,
                    failed ? List.of("anthropic:529") : List.of(serving + ":200")));
        }
        Map<String, UpstreamStats> ups = new LinkedHashMap<>();
        for (String u : route) {
            ups.put(u, new UpstreamStats(u.equals("anthropic") && failures > 0 ? "open" : "closed", null, requests,
                    u.equals("anthropic") ? failures : 0, Map.of(), 120L, 200, NOW.minusSeconds(3)));
        }
        BridgeStats stats = new BridgeStats(session, 1000 + port, NOW.minusSeconds(600), port, 3, null, route, serving, 1,
                ups, records, List.of("cc-session-1"));
        return new BridgeView(session, BridgeState.RUNNING, stats, 1000 + port, 0, null, NOW);
    }

    /** {@code n} sessions over the same three upstreams, each with a running bridge and some traffic. */
    public static Snapshot many(int n) {
        StringBuilder text = new StringBuilder(CONFIG.substring(0, CONFIG.indexOf("[sessions.main]")));
        Map<String, BridgeView> bridges = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String name = "s" + i;
            text.append("[sessions.").append(name).append("]\nport = ").append(10000 + i)
                    .append("\nroute = [\"anthropic\", \"corp-proxy\"]\n\n");
            bridges.put(name, running(name, 10000 + i, List.of("anthropic", "corp-proxy"), "corp-proxy", 30, 3));
        }
        LoadedConfig loaded = loaded(text.toString());
        Snapshot base = snapshot();
        return Snapshot.of(loaded.file(), loaded.config())
                .withBridges(bridges, new Snapshot.Freshness(NOW, Duration.ofSeconds(1)))
                .withHealth(base.upstreams(), base.advice(), new Snapshot.Freshness(NOW, Duration.ofSeconds(15)))
                .withEvents(base.events(), new Snapshot.Freshness(NOW, Duration.ofSeconds(1)));
    }

    /** Seven anthropic-family upstreams of every health and latency, one openai upstream, three sessions. */
    public static Snapshot manyUpstreams() {
        TestConfig config = TestConfig.create();
        for (String name : List.of("slow", "degraded", "fast", "unknown", "down", "unmeasured", "fast-too")) {
            config.upstream(name, "anthropic", "http://127.0.0.1:9001", "passthrough");
        }
        config.upstream("oai", "openai", "http://127.0.0.1:9003/v1", "env:OPENAI_API_KEY")
                .session("main", 8781, "slow", "fast")
                .session("gpt", 8782, "oai", "slow")
                .session("solo", 8783, "down");
        var loaded = loaded(config.text());
        Map<String, UpstreamView> health = new LinkedHashMap<>();
        health.put("slow", view("slow", HealthState.HEALTHY, 300L));
        health.put("degraded", view("degraded", HealthState.DEGRADED, 50L));
        health.put("fast", view("fast", HealthState.HEALTHY, 100L));
        health.put("down", view("down", HealthState.DOWN, 10L));
        health.put("unmeasured", view("unmeasured", HealthState.HEALTHY, null));
        health.put("fast-too", view("fast-too", HealthState.HEALTHY, 100L));
        health.put("oai", view("oai", HealthState.HEALTHY, 5L));
        return Snapshot.of(loaded.file(), loaded.config())
                .withHealth(health, List.of(), new Snapshot.Freshness(NOW, Duration.ofSeconds(15)));
    }

    private static UpstreamView view(String name, HealthState state, Long latency) {
        return new UpstreamView(name, state, latency, 0.0, null, null, List.of(), NOW);
    }
}
