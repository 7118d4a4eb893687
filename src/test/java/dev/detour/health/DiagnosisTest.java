package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.Failover;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import dev.detour.wire.BridgeStats;
import dev.detour.wire.FailureClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Judgement per upstream, the edge verdict and the advice, from hand-made observations. All pure. */
class DiagnosisTest {
    static final Instant NOW = StatusPageTest.NOW;

    static final Upstream ANTHROPIC = new Upstream("anthropic", Family.ANTHROPIC, "https://api.anthropic.com", "passthrough",
            "https://status.claude.com", "k8w3r06qmzrp", Map.of());
    static final Upstream CORP = new Upstream("corp-proxy", Family.ANTHROPIC, "https://llm-proxy.example.internal:8766",
            "env:CORP_PROXY_KEY", null, null, Map.of());
    static final Upstream OPENAI = new Upstream("openai", Family.OPENAI, "https://api.openai.com/v1", "env:OPENAI_API_KEY",
            null, null, Map.of("opus", "gpt-5"));

    static Config config(List<String> controlHosts, Session... sessions) {
        Map<String, Upstream> ups = new LinkedHashMap<>();
        for (Upstream u : List.of(ANTHROPIC, CORP, OPENAI)) {
            ups.put(u.name(), u);
        }
        Map<String, Session> ss = new LinkedHashMap<>();
        for (Session s : sessions) {
            ss.put(s.name(), s);
        }
        return new Config(new Settings(15, 60, 90, controlHosts), ups, ss);
    }

    static Session session(String name, int port, String... route) {
        return new Session(name, port, List.of(route), Failover.SAME_FAMILY);
    }

    static ProbeResult ok(String name, long ms) {
        return new ProbeResult(name, "u", NOW, List.of(), null, 200, FailureClass.OK, "models listed", null, null, ms, false);
    }

    static ProbeResult failed(String name, Rung rung, FailureClass c, String reason, Integer status) {
        return new ProbeResult(name, "u", NOW, List.of(), rung, status, c, reason, null, null, status == null ? null : 30L, status != null);
    }

    static PassiveSignal traffic(String name, int requests, Map<String, Integer> classes, int failures, Integer last, long agoS) {
        return new PassiveSignal(name, requests, failures, classes, 900L, NOW.minusSeconds(agoS), last, 1);
    }

    static StatusPageReport incidentPage() throws Exception {
        return StatusPageParser.parse("https://status.claude.com", "k8w3r06qmzrp",
                StatusPageTest.sample("statuspage-claude-incident.json"), null, NOW);
    }

    @Test
    void freshTrafficWinsAndSaysHowManyFailed() throws Exception {
        UpstreamHealth h = HealthJudge.judge(ANTHROPIC, ok("anthropic", 40),
                traffic("anthropic", 20, Map.of("overloaded", 14, "ok", 6), 14, 529, 3), incidentPage(), NOW);
        assertEquals(HealthState.DOWN, h.state());
        assertEquals(FailureClass.OVERLOADED, h.failureClass());
        assertEquals(UpstreamHealth.TRAFFIC, h.source());
        assertEquals(70, h.errorPercent());
        assertEquals("overloaded (529 on 14 of 20 recent requests, newest 3 s ago; "
                + "status page: 'Elevated errors on Claude Opus', investigating 23 min)", h.reason());
        assertEquals("✖ down", h.label());
    }

    @Test
    void trafficWhoseNewestRequestWorkedIsRecovering() {
        UpstreamHealth h = HealthJudge.judge(ANTHROPIC, null,
                traffic("anthropic", 20, Map.of("outage", 15, "ok", 5), 15, 200, 1), null, NOW);
        assertEquals(HealthState.DEGRADED, h.state());
        assertTrue(h.reason().contains("newest ok, recovering"), h.reason());
    }

    @Test
    void aRateLimitIsDegradedNotDown() {
        UpstreamHealth h = HealthJudge.judge(ANTHROPIC, null,
                traffic("anthropic", 10, Map.of("rate-limited", 9, "ok", 1), 9, 429, 1), null, NOW);
        assertEquals(HealthState.DEGRADED, h.state());
        assertEquals(FailureClass.RATE_LIMITED, h.failureClass());
    }

    @Test
    void staleTrafficLeavesItToTheProbe() {
        UpstreamHealth h = HealthJudge.judge(CORP, failed("corp-proxy", Rung.CONNECT, FailureClass.UNREACHABLE, "connection refused", null),
                traffic("corp-proxy", 5, Map.of("ok", 5), 0, 200, 600), null, NOW);
        assertEquals(HealthState.DOWN, h.state());
        assertEquals(UpstreamHealth.PROBE, h.source());
        assertEquals("unreachable (connection refused at connect)", h.reason());
    }

    @Test
    void aHealthyProbeWithAnIncidentIsDegradedAndAnUnreadablePageChangesNothing() throws Exception {
        UpstreamHealth h = HealthJudge.judge(ANTHROPIC, ok("anthropic", 120), null, incidentPage(), NOW);
        assertEquals(HealthState.DEGRADED, h.state());
        assertEquals("status page: 'Elevated errors on Claude Opus', investigating 23 min", h.incident());
        StatusPageReport unreadable = StatusPageReport.unreadable("p", NOW, "answered an HTML page instead of JSON");
        assertEquals(HealthState.HEALTHY, HealthJudge.judge(ANTHROPIC, ok("anthropic", 120), null, unreadable, NOW).state());
        UpstreamHealth onlyPage = HealthJudge.judge(ANTHROPIC, null, null, unreadable, NOW);
        assertEquals(HealthState.UNKNOWN, onlyPage.state(), "an unreadable page is unknown, never down");
    }

    @Test
    void aPageAloneCanSayDown() {
        StatusPageReport major = new StatusPageReport("p", NOW, true, null, "major", "Major outage", "k8w3r06qmzrp",
                "Claude API", "major_outage", List.of());
        UpstreamHealth h = HealthJudge.judge(ANTHROPIC, null, null, major, NOW);
        assertEquals(HealthState.DOWN, h.state());
        assertEquals(UpstreamHealth.STATUS_PAGE, h.source());
    }

    @Test
    void overloadAdviceNamesTheSessionsAndTheHealthyTarget() throws Exception {
        Config config = config(List.of(), session("main", 8781, "anthropic", "corp-proxy", "openai"),
                session("api", 8782, "anthropic", "corp-proxy"), session("batch", 8783, "openai"));
        HealthSnapshot s = HealthSnapshot.of(config,
                Map.of("anthropic", ok("anthropic", 40), "corp-proxy", ok("corp-proxy", 180), "openai", ok("openai", 300)),
                Map.of("anthropic", traffic("anthropic", 20, Map.of("overloaded", 14, "ok", 6), 14, 529, 3)),
                Map.of("anthropic", incidentPage()), List.of(ok("1.1.1.1", 10)), NOW);
        assertEquals(1, s.advice().size(), s.advice().toString());
        Advice a = s.advice().get(0);
        assertEquals("anthropic: overloaded (529 on 14 of 20 recent requests, newest 3 s ago; status page: "
                + "'Elevated errors on Claude Opus', investigating 23 min) → reroute main, api to corp-proxy (healthy, 180 ms)", a.text());
        assertEquals("detour reroute main api --to corp-proxy", a.command());
        assertEquals(List.of("main", "api"), a.sessions());
        assertEquals(1, s.adviceFor("main").size());
        assertTrue(s.adviceFor("batch").isEmpty());
    }

    @Test
    void rateLimitAdviceSaysWhatHelps() {
        Config config = config(List.of(), session("main", 8781, "anthropic", "corp-proxy"));
        ProbeResult limited = new ProbeResult("anthropic", "u", NOW, List.of(), Rung.HTTP, 429, FailureClass.RATE_LIMITED,
                "429, retry in 30 s", 30L, null, 20L, true);
        HealthSnapshot s = HealthSnapshot.of(config, Map.of("anthropic", limited, "corp-proxy", ok("corp-proxy", 180),
                "openai", ok("openai", 300)), Map.of(), Map.of(), List.of(ok("1.1.1.1", 10)), NOW);
        assertEquals("anthropic: rate-limited on your own key (429, retry in 30 s): "
                + "rerouting helps only to an upstream with its own quota; lowering concurrency helps → reroute main to corp-proxy (healthy, 180 ms)",
                s.advice().get(0).text());
    }

    @Test
    void authAdviceNamesTheVariableToCheck() {
        Config config = config(List.of(), session("main", 8781, "corp-proxy", "anthropic"));
        HealthSnapshot s = HealthSnapshot.of(config, Map.of("anthropic", ok("anthropic", 80),
                "corp-proxy", failed("corp-proxy", Rung.HTTP, FailureClass.AUTH, "401 authentication_error: invalid x-api-key", 401),
                "openai", ok("openai", 300)), Map.of(), Map.of(), List.of(ok("1.1.1.1", 10)), NOW);
        assertEquals("auth: 401 from corp-proxy — check CORP_PROXY_KEY; meanwhile reroute main to anthropic (healthy, 80 ms)",
                s.advice().get(0).text());
    }

    @Test
    void whenTheFamilyHasNoHealthyUpstreamTheAdviceFlipsFamily() {
        Config config = config(List.of(), session("main", 8781, "anthropic"));
        HealthSnapshot s = HealthSnapshot.of(config, Map.of(
                "anthropic", failed("anthropic", Rung.HTTP, FailureClass.OUTAGE, "500 api_error: Internal server error", 500),
                "corp-proxy", failed("corp-proxy", Rung.CONNECT, FailureClass.UNREACHABLE, "connection refused", null),
                "openai", ok("openai", 300)), Map.of(), Map.of(), List.of(ok("1.1.1.1", 10)), NOW);
        assertEquals("anthropic: outage (500 api_error: Internal server error) → flip main to openai (healthy, 300 ms)",
                s.advice().get(0).text());
        assertEquals("corp-proxy: unreachable (connection refused at connect) (no session sends traffic to it first)",
                s.advice().get(1).text());
    }

    @Test
    void whenNothingIsHealthyTheAdviceSaysSo() {
        Config config = config(List.of(), session("main", 8781, "anthropic"));
        ProbeResult down = failed("x", Rung.HTTP, FailureClass.OVERLOADED, "529 overloaded_error: Overloaded", 529);
        HealthSnapshot s = HealthSnapshot.of(config, Map.of("anthropic", down, "corp-proxy", down, "openai", down),
                Map.of(), Map.of(), List.of(ok("1.1.1.1", 10)), NOW);
        assertTrue(s.advice().get(0).text().endsWith("→ no healthy upstream to reroute main to; wait for it, or add an upstream"),
                s.advice().get(0).text());
        assertNull(s.advice().get(0).command());
    }

    @Test
    void allHealthySaysNothingToDo() {
        Config config = config(List.of(), session("main", 8781, "anthropic"));
        HealthSnapshot s = HealthSnapshot.of(config, Map.of("anthropic", ok("anthropic", 1), "corp-proxy", ok("corp-proxy", 2),
                "openai", ok("openai", 3)), Map.of(), Map.of(), List.of(ok("1.1.1.1", 10)), NOW);
        assertEquals(List.of("all upstreams healthy: nothing to do"), s.advice().stream().map(Advice::text).toList());
        assertEquals("healthy (models listed, 1 ms)", s.upstream("anthropic").orElseThrow().reason());
    }

    @Test
    void edgeWhenEveryUpstreamAndTheControlHostFailBeforeTheService() {
        Config config = config(List.of("control.example"), session("main", 8781, "anthropic"), session("api", 8782, "corp-proxy"));
        ProbeResult dns = failed("x", Rung.DNS, FailureClass.UNREACHABLE, "DNS lookup failed for x", null);
        HealthSnapshot s = HealthSnapshot.of(config, Map.of("anthropic", dns, "corp-proxy", dns, "openai", dns),
                Map.of(), Map.of(), List.of(dns), NOW);
        assertTrue(s.edge().edge());
        assertEquals(List.of("edge failure: DNS fails for every upstream and the control host — rerouting will not help; "
                + "check your network, VPN or firewall"), s.advice().stream().map(Advice::text).toList());
        assertTrue(s.upstreams().stream().allMatch(u -> u.failureClass() == FailureClass.EDGE && u.state() == HealthState.DOWN));
        assertEquals(1, s.adviceFor("api").size());
    }

    @Test
    void noEdgeWhenAControlHostConnectsOrTrafficFlowsOrFailuresAreMixed() {
        ProbeResult dns = failed("x", Rung.DNS, FailureClass.UNREACHABLE, "DNS lookup failed for x", null);
        ProbeResult refused = failed("x", Rung.CONNECT, FailureClass.UNREACHABLE, "connection refused", null);
        ProbeResult tlsUntrusted = failed("c", Rung.TLS, FailureClass.UNREACHABLE, "TLS failed: certificate not trusted", null);
        ProbeResult tlsStalled = failed("c", Rung.TLS, FailureClass.UNREACHABLE, "TLS handshake timed out", null);
        ProbeResult outage = failed("x", Rung.HTTP, FailureClass.OUTAGE, "no answer after connect (timed out)", null);
        assertFalse(EdgeVerdict.judge(List.of(dns, dns), List.of(ok("c", 1)), false).edge());
        assertTrue(EdgeVerdict.judge(List.of(tlsUntrusted, tlsUntrusted), List.of(tlsUntrusted), false).edge(),
                "an interceptor whose CA is not trusted here breaks everything: local too");
        assertEquals("TLS fails for every upstream and the control host",
                EdgeVerdict.judge(List.of(tlsUntrusted), List.of(tlsUntrusted), false).reason());
        assertTrue(EdgeVerdict.judge(List.of(dns, refused), List.of(tlsStalled), false).edge());
        assertEquals("dns/connect/tls fail for every upstream and the control host",
                EdgeVerdict.judge(List.of(dns, refused), List.of(tlsStalled), false).reason());
        assertFalse(EdgeVerdict.judge(List.of(dns, dns), List.of(dns), true).edge(), "traffic flowing disproves the edge");
        assertFalse(EdgeVerdict.judge(List.of(dns, outage), List.of(dns), false).edge(), "one upstream answered");
        assertEquals("connections fail for every upstream and the control hosts",
                EdgeVerdict.judge(List.of(refused), List.of(refused, refused), false).reason());
    }

    @Test
    void controlHostsDefaultToTheFirstUpstreamsHostAndAWellKnownOne() {
        assertEquals(List.of("https://api.anthropic.com", "1.1.1.1"), ControlHosts.of(config(List.of())));
        assertEquals(List.of("127.0.0.1:9"), ControlHosts.of(config(List.of("127.0.0.1:9"))));
    }

    @Test
    void passiveSignalsSumEveryBridge() {
        BridgeStats.UpstreamStats a = new BridgeStats.UpstreamStats("closed", null, 10, 4, Map.of("ok", 6, "overloaded", 4),
                100L, 529, NOW.minusSeconds(5));
        BridgeStats.UpstreamStats b = new BridgeStats.UpstreamStats("open", null, 10, 6, Map.of("ok", 4, "overloaded", 5, "outage", 1),
                300L, 500, NOW.minusSeconds(2));
        BridgeStats.UpstreamStats idle = new BridgeStats.UpstreamStats("closed", null, 0, 0, Map.of(), null, null, null);
        Map<String, PassiveSignal> p = PassiveSignals.from(List.of(
                stats("main", Map.of("anthropic", a, "openai", idle)), stats("api", Map.of("anthropic", b))));
        PassiveSignal s = p.get("anthropic");
        assertEquals(20, s.requests());
        assertEquals(10, s.failures());
        assertEquals(9, s.count(FailureClass.OVERLOADED));
        assertEquals(FailureClass.OVERLOADED, s.dominantFailure());
        assertEquals(500, s.lastStatus());
        assertEquals(200L, s.ttfbMsP50());
        assertEquals(2, s.bridges());
        assertEquals(50, s.errorPercent());
        assertFalse(p.containsKey("openai"), "an upstream without traffic says nothing");
    }

    static BridgeStats stats(String session, Map<String, BridgeStats.UpstreamStats> upstreams) {
        return new BridgeStats(session, 1, NOW, 8781, 1, null, List.of("anthropic"), "anthropic", 0, upstreams, List.of(), List.of());
    }
}
