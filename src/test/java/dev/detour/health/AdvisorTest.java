package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.ConfigLoader;
import dev.detour.testing.TestConfig;
import dev.detour.wire.FailureClass;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The advice line for each kind of trouble that is not an outage: a spend cap (waiting will not help), a refused
 * credential (which status, which key to check), a degraded upstream (traffic still flows), each with and without a
 * healthy upstream to move the sessions to.
 */
class AdvisorTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static Config config() throws Exception {
        return ConfigLoader.parse(Path.of("d.toml"), TestConfig.create()
                .upstream("anthropic", "anthropic", "https://api.anthropic.com", "passthrough")
                .upstream("corp", "anthropic", "https://corp.example", "env:CORP_KEY")
                .session("main", 8781, "corp", "anthropic")
                .text()).config();
    }

    private static UpstreamHealth health(String name, HealthState state, FailureClass c, String detail, ProbeResult probe,
                                         PassiveSignal passive, String incident) {
        return new UpstreamHealth(name, "anthropic", state, c, detail, UpstreamHealth.PROBE, 120L, null, incident, null, probe,
                passive, null);
    }

    private static UpstreamHealth healthy(String name) {
        return health(name, HealthState.HEALTHY, FailureClass.OK, null, null, null, null);
    }

    private static String advice(Config config, UpstreamHealth corp, UpstreamHealth anthropic) {
        Map<String, UpstreamHealth> health = new LinkedHashMap<>();
        health.put("anthropic", anthropic);
        health.put("corp", corp);
        List<Advice> out = Advisor.advise(config, health, EdgeVerdict.NONE);
        assertEquals(1, out.size(), out.toString());
        return out.get(0).text();
    }

    @Test
    void aSpendCapSaysWaitingWillNotHelpAndWhereTheSessionsCanGo() throws Exception {
        Config config = config();
        UpstreamHealth capped = health("corp", HealthState.DOWN, FailureClass.SPEND_CAP, "monthly limit reached", null, null, null);
        assertEquals("corp: spend cap reached (monthly limit reached): waiting will not help; raise the limit with the provider, "
                + "or reroute main to anthropic (healthy, 120 ms)", advice(config, capped, healthy("anthropic")));
        UpstreamHealth down = health("anthropic", HealthState.DOWN, FailureClass.OVERLOADED, null, null, null, null);
        String nowhere = Advisor.advise(config, Map.of("corp", capped, "anthropic", down), EdgeVerdict.NONE).stream()
                .filter(a -> "corp".equals(a.upstream())).findFirst().orElseThrow().text();
        assertEquals("corp: spend cap reached (monthly limit reached): waiting will not help; raise the limit with the provider; "
                + "no healthy upstream to reroute main to", nowhere);
    }

    @Test
    void aRefusedCredentialNamesTheStatusSeenAndTheKeyToCheck() throws Exception {
        Config config = config();
        ProbeResult probe = new ProbeResult("corp", "https://corp.example", NOW, List.of(), null, 403, FailureClass.AUTH,
                "forbidden", null, null, 80L, true);
        assertEquals("auth: 403 from corp — check CORP_KEY; meanwhile reroute main to anthropic (healthy, 120 ms)",
                advice(config, health("corp", HealthState.DOWN, FailureClass.AUTH, null, probe, null, null), healthy("anthropic")));
        PassiveSignal passive = new PassiveSignal("corp", 5, 5, Map.of("auth", 5), null, NOW, 401, 1);
        assertEquals("auth: 401 from corp — check CORP_KEY; meanwhile reroute main to anthropic (healthy, 120 ms)",
                advice(config, health("corp", HealthState.DOWN, FailureClass.AUTH, null, null, passive, null), healthy("anthropic")));
        assertEquals("auth: 401/403 from corp — check CORP_KEY; meanwhile reroute main to anthropic (healthy, 120 ms)",
                advice(config, health("corp", HealthState.DOWN, FailureClass.AUTH, null, null, null, null), healthy("anthropic")));
    }

    @Test
    void aDegradedUpstreamSaysTrafficStillFlowsAndWhereToGoIfErrorsRise() throws Exception {
        Config config = config();
        UpstreamHealth degraded = health("corp", HealthState.DEGRADED, FailureClass.OK, null, null, null, "Elevated latency");
        assertEquals("corp: degraded (Elevated latency): traffic still flows; if errors rise, reroute main to anthropic "
                + "(healthy, 120 ms)", advice(config, degraded, healthy("anthropic")));
        UpstreamHealth unclassified = health("corp", HealthState.DEGRADED, null, null, null, null, "Slow responses");
        assertEquals("corp: degraded (Slow responses): traffic still flows; if errors rise, reroute main to anthropic "
                + "(healthy, 120 ms)", advice(config, unclassified, healthy("anthropic")));
    }
}
