package dev.detour.route;

import dev.detour.config.Config;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.Family;
import dev.detour.config.TestConfigs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteChangesTest {
    private static Config config(String text) throws ConfigException {
        return ConfigLoader.parse(Path.of("test.toml"), text).config();
    }

    private static final String CONFIG = """
            [upstreams.anthropic]
            family = "anthropic"
            base_url = "https://api.anthropic.com"
            auth = "passthrough"
            [upstreams.corp]
            family = "anthropic"
            base_url = "https://corp.example"
            auth = "env:CORP_KEY"
            [upstreams.openai]
            family = "openai"
            base_url = "https://api.openai.com/v1"
            auth = "env:OPENAI_API_KEY"
            [upstreams.local]
            family = "openai"
            base_url = "http://127.0.0.1:4000/v1"
            auth = "env:LOCAL_KEY"
            [sessions.main]
            port = 8781
            route = ["anthropic", "corp", "openai"]
            [sessions.solo]
            port = 8782
            route = ["anthropic"]
            """;

    private static List<String> route(Config c, String session) {
        return c.session(session).orElseThrow().route();
    }

    @Test
    void eachSessionChangesEveryNamedSessionAndAnUnknownOneFailsTheWholeChange() throws Exception {
        Config before = config(CONFIG);
        Config both = RouteChanges.eachSession(before, List.of("main", "solo"), (c, s) -> RouteChanges.reroute(c, s, "corp"));
        assertEquals(List.of("corp", "anthropic", "openai"), route(both, "main"));
        assertEquals(List.of("corp", "anthropic"), route(both, "solo"));
        assertSame(before, RouteChanges.eachSession(before, List.of(), (c, s) -> RouteChanges.reroute(c, s, "corp")));
        RouteException unknown = assertThrows(RouteException.class, () -> RouteChanges.eachSession(before,
                List.of("main", "nope"), (c, s) -> RouteChanges.reroute(c, s, "corp")));
        assertTrue(unknown.getMessage().contains("\"nope\""), unknown.getMessage());
    }

    @Test
    void rerouteMovesTheUpstreamToTheFrontAndKeepsTheRestInOrder() throws Exception {
        Config c = RouteChanges.reroute(config(CONFIG), "main", "openai");
        assertEquals(List.of("openai", "anthropic", "corp"), route(c, "main"));
        assertEquals(List.of("anthropic"), route(c, "solo"), "other sessions are untouched");
    }

    @Test
    void rerouteToAnUpstreamOutsideTheRouteAddsItInFront() throws Exception {
        Config c = RouteChanges.reroute(config(CONFIG), "solo", "corp");
        assertEquals(List.of("corp", "anthropic"), route(c, "solo"));
    }

    @Test
    void rerouteToTheCurrentFrontChangesNothing() throws Exception {
        Config before = config(CONFIG);
        assertEquals(before, RouteChanges.reroute(before, "main", "anthropic"));
    }

    @Test
    void flipMovesTheFirstUpstreamOfTheOtherFamilyToTheFront() throws Exception {
        Config c = RouteChanges.flipFamily(config(CONFIG), "main");
        assertEquals(List.of("openai", "anthropic", "corp"), route(c, "main"));
        assertEquals(Family.OPENAI, c.familyOf(c.session("main").orElseThrow()));
        Config back = RouteChanges.flipFamily(c, "main");
        assertEquals(List.of("anthropic", "openai", "corp"), route(back, "main"));
    }

    @Test
    void flipWithoutThatFamilyInTheRouteTakesTheFirstOfTheConfig() throws Exception {
        Config c = RouteChanges.flipFamily(config(CONFIG), "solo");
        assertEquals(List.of("openai", "anthropic"), route(c, "solo"));
    }

    @Test
    void setFamilyToTheCurrentFamilyIsNoChange() throws Exception {
        Config before = config(CONFIG);
        assertSame(before, RouteChanges.setFamily(before, "main", Family.ANTHROPIC));
        assertEquals(List.of("openai", "anthropic", "corp"),
                route(RouteChanges.setFamily(before, "main", Family.OPENAI), "main"));
    }

    @Test
    void unknownSessionOrUpstreamOrMissingFamilyIsAClearError() throws Exception {
        Config c = config(CONFIG);
        RouteException s = assertThrows(RouteException.class, () -> RouteChanges.reroute(c, "mian", "corp"));
        assertTrue(s.getMessage().contains("unknown session \"mian\"") && s.getMessage().contains("main, solo"), s.getMessage());
        RouteException u = assertThrows(RouteException.class, () -> RouteChanges.reroute(c, "main", "corpp"));
        assertTrue(u.getMessage().contains("unknown upstream \"corpp\""), u.getMessage());
        assertThrows(RouteException.class, () -> RouteChanges.flipFamily(c, "nope"));

        Config anthropicOnly = config(TestConfigs.shipped());
        RouteException f = assertThrows(RouteException.class, () -> RouteChanges.flipFamily(anthropicOnly, "main"));
        assertTrue(f.getMessage().contains("no upstream of family openai"), f.getMessage());
    }
}
