package dev.detour.bridge;

import dev.detour.config.Config;
import dev.detour.config.Failover;
import dev.detour.config.Family;
import dev.detour.config.Session;
import dev.detour.config.Settings;
import dev.detour.config.Upstream;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverPlanTest {
    private static final Map<String, Upstream> UPSTREAMS = new LinkedHashMap<>();

    static {
        UPSTREAMS.put("a", new Upstream("a", Family.ANTHROPIC, "http://127.0.0.1:1", "passthrough", null, null, Map.of()));
        UPSTREAMS.put("b", new Upstream("b", Family.ANTHROPIC, "http://127.0.0.1:2", "env:B_KEY", null, null, Map.of()));
        UPSTREAMS.put("o", new Upstream("o", Family.OPENAI, "http://127.0.0.1:3/v1", "env:O_KEY", null, null, Map.of()));
    }

    private static FailoverPlan plan(Failover failover, Map<String, String> env, boolean speaksOpenai) {
        Session session = new Session("main", 8781, List.of("a", "o", "b"), failover);
        Config config = new Config(Settings.DEFAULTS, UPSTREAMS, Map.of("main", session));
        return FailoverPlan.of(config, session, u -> u.family() == Family.ANTHROPIC || speaksOpenai, env::get);
    }

    @Test
    void sameFamilyKeepsTheRouteOrderWithinTheFamily() {
        FailoverPlan p = plan(Failover.SAME_FAMILY, Map.of("B_KEY", "k", "O_KEY", "k"), true);
        assertEquals(List.of("a", "b"), p.eligible().stream().map(Upstream::name).toList());
        assertTrue(p.skipped().get("o").contains("same-family"));
    }

    @Test
    void anySkipsAFamilyWithoutTranslationWithAReason() {
        FailoverPlan p = plan(Failover.ANY, Map.of("B_KEY", "k", "O_KEY", "k"), false);
        assertEquals(List.of("a", "b"), p.eligible().stream().map(Upstream::name).toList());
        assertTrue(p.skipped().get("o").contains("cannot speak the openai dialect \"chat\""), p.skipped().toString());
        FailoverPlan withTranslation = plan(Failover.ANY, Map.of("B_KEY", "k", "O_KEY", "k"), true);
        assertEquals(List.of("a", "o", "b"), withTranslation.eligible().stream().map(Upstream::name).toList());
    }

    @Test
    void offUsesTheFirstOnlyAndAnUnsetKeyIsSkipped() {
        assertEquals(List.of("a"), plan(Failover.OFF, Map.of(), true).eligible().stream().map(Upstream::name).toList());
        FailoverPlan p = plan(Failover.SAME_FAMILY, Map.of(), true);
        assertEquals(List.of("a"), p.eligible().stream().map(Upstream::name).toList());
        assertTrue(p.skipped().get("b").contains("B_KEY is unset"), p.skipped().toString());
    }
}
