package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer's model comparison says what the records' own equals says. */
class ConfigWriterEqualityTest {
    private static final Path FILE = Path.of("detour.toml");

    private static Config parse(String text) throws ConfigException {
        return ConfigLoader.parse(FILE, text).config();
    }

    @Test
    void twoParsesOfOneTextAreTheSameModel() throws ConfigException {
        Config a = parse(TestConfigs.shippedWithExamples());
        Config b = parse(TestConfigs.shippedWithExamples());
        assertTrue(a != b && a.equals(b));
        assertTrue(ConfigWriterEquality.same(a, b));
    }

    @Test
    void everyRouteChangeAndEveryFamilyFlipIsADifferenceAsEqualsSaysSo() throws ConfigException {
        Config base = parse(TestConfigs.shippedWithExamples());
        for (String session : base.sessions().keySet()) {
            for (String upstream : base.upstreams().keySet()) {
                Config changed;
                try {
                    changed = RouteChanges.reroute(base, session, upstream);
                } catch (RuntimeException refused) {
                    continue;
                }
                assertEquals(base.equals(changed), ConfigWriterEquality.same(base, changed), session + " -> " + upstream);
                assertEquals(changed.equals(base), ConfigWriterEquality.same(changed, base), session + " -> " + upstream);
            }
        }
        Config other = parse(TestConfigs.shippedWithExamples().replace("probe_interval_s = 15", "probe_interval_s = 16"));
        assertFalse(base.equals(other), "the replaced setting is in the shipped config");
        assertFalse(ConfigWriterEquality.same(base, other));
    }

    @Test
    void mapsAndListsCompareByContentWhateverTheirClassAndNullsOnlyEqualNull() {
        Map<String, List<String>> linked = new LinkedHashMap<>();
        linked.put("a", List.of("x", "y", "z"));
        assertTrue(ConfigWriterEquality.same(linked, Map.of("a", new java.util.ArrayList<>(List.of("x", "y", "z")))));
        assertFalse(ConfigWriterEquality.same(linked, Map.of("a", List.of("x", "y"))));
        assertFalse(ConfigWriterEquality.same(linked, Map.of("b", List.of("x", "y", "z"))));
        assertFalse(ConfigWriterEquality.same(List.of("x"), List.of("y")));
        assertFalse(ConfigWriterEquality.same(null, List.of()));
        assertFalse(ConfigWriterEquality.same(List.of(), null));
        assertTrue(ConfigWriterEquality.same(null, null));
        assertFalse(ConfigWriterEquality.same(Settings.DEFAULTS, "not a record of that type"));
    }
}
