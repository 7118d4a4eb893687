package dev.detour.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Edits at the edges of the text: the first table of an empty file, a new key in a table whose keys are indented,
 * a removed table next to an appended one, and a removed table together with a removed key elsewhere.
 */
class TomlEditorEdgesTest {
    private static final Path FILE = Path.of("t.toml");

    private static final String TWO_SESSIONS = """
            [upstreams.a]
            family = "anthropic"
            base_url = "https://a.example"
            auth = "passthrough"
            [upstreams.o]
            family = "openai"
            base_url = "https://o.example/v1"
            auth = "env:O_KEY"
            models = { opus = "big" }
            [sessions.main]
            port = 8781
            route = ["a", "o"]
            [sessions.spare]
            port = 8782
            route = ["o"]
            """;

    private static String change(String text, UnaryOperator<Config> change) throws ConfigException {
        Config before = ConfigLoader.parse(FILE, text).config();
        Config after = change.apply(before);
        String out = ConfigWriter.render(FILE, text, before, after);
        assertEquals(after, ConfigLoader.parse(FILE, out).config(), out);
        return out;
    }

    private static Map<String, Session> without(Config c, String session) {
        Map<String, Session> sessions = new LinkedHashMap<>(c.sessions());
        sessions.remove(session);
        return sessions;
    }

    @Test
    void theFirstTableOfAnEmptyFileStartsOnItsFirstLine() throws Exception {
        Upstream a = ConfigLoader.parse(FILE, TWO_SESSIONS).config().upstream("a").orElseThrow();
        String out = change("", c -> new Config(c.settings(), Map.of("a", a), c.sessions()));
        assertEquals("[upstreams.a]\nfamily = \"anthropic\"\nbase_url = \"https://a.example\"\nauth = \"passthrough\"\n", out);
    }

    @Test
    void aNewKeyTakesTheIndentationOfItsTablesKeysNotOfOtherTables() throws Exception {
        String text = "[settings]\n    probe_interval_s = 15\n\n" + TWO_SESSIONS;
        String out = change(text, c -> new Config(new Settings(15, 60, 30, List.of()), c.upstreams(), c.sessions()));
        assertEquals(text.replace("    probe_interval_s = 15\n", "    probe_interval_s = 15\n    idle_timeout_s = 30\n"), out);
    }

    @Test
    void theLastSessionReplacedByANewOneInOneChange() throws Exception {
        String out = change(TWO_SESSIONS, c -> {
            Map<String, Session> sessions = without(c, "spare");
            sessions.put("review", new Session("review", 8783, List.of("a"), Failover.OFF));
            return new Config(c.settings(), c.upstreams(), sessions);
        });
        assertEquals(TWO_SESSIONS.replace("[sessions.spare]\nport = 8782\nroute = [\"o\"]\n",
                "\n[sessions.review]\nport = 8783\nroute = [\"a\"]\nfailover = \"off\"\n"), out);
    }

    @Test
    void aRemovedSessionAndAKeyRemovedFromAnUpstreamInOneChange() throws Exception {
        String out = change(TWO_SESSIONS, c -> {
            Upstream o = c.upstream("o").orElseThrow();
            Map<String, Upstream> upstreams = new LinkedHashMap<>(c.upstreams());
            upstreams.put("o", new Upstream(o.name(), o.family(), o.baseUrl(), o.auth(), o.statusPage(), o.statusComponent(),
                    Map.of()));
            return new Config(c.settings(), upstreams, without(c, "spare"));
        });
        assertEquals(TWO_SESSIONS.replace("models = { opus = \"big\" }\n", "")
                .replace("[sessions.spare]\nport = 8782\nroute = [\"o\"]\n", ""), out);
    }

    @Test
    void aModelNameThatIsNoBareKeyIsQuotedAndSingleQuotesStayForValuesWithSpaces() throws Exception {
        String text = TWO_SESSIONS.replace("models = { opus = \"big\" }", "models = { opus = 'big' }");
        String out = change(text, c -> {
            Upstream o = c.upstream("o").orElseThrow();
            Map<String, Upstream> upstreams = new LinkedHashMap<>(c.upstreams());
            upstreams.put("o", new Upstream(o.name(), o.family(), o.baseUrl(), o.auth(), o.statusPage(), o.statusComponent(),
                    Map.of("opus 4.1", "big model")));
            return new Config(c.settings(), upstreams, c.sessions());
        });
        assertEquals(text.replace("models = { opus = 'big' }", "models = { \"opus 4.1\" = 'big model' }"), out);
    }

    @Test
    void aNewKeyOfATableWithoutKeysGoesRightUnderItsHeader() throws Exception {
        String text = "[settings]\n\n" + TWO_SESSIONS;
        String out = change(text, c -> new Config(new Settings(15, 60, 30, List.of()), c.upstreams(), c.sessions()));
        assertEquals("[settings]\nidle_timeout_s = 30\n\n" + TWO_SESSIONS, out);
    }

    @Test
    void aMultiLineRouteOfOneItemStaysMultiLineWithItsComment() throws Exception {
        String text = TWO_SESSIONS.replace("route = [\"o\"]", "route = [\n    \"o\",  # the only one\n]");
        String out = change(text, c -> dev.detour.route.RouteChanges.reroute(c, "spare", "a"));
        assertEquals(text.replace("    \"o\",  # the only one\n", "    \"a\",\n    \"o\",  # the only one\n"), out);
    }

    @Test
    void aValueThatStartsWithAnApostropheIsWrittenInDoubleQuotesInASingleQuotedFile() throws Exception {
        String text = TWO_SESSIONS.replace("models = { opus = \"big\" }", "models = { opus = 'big' }");
        String out = change(text, c -> {
            Upstream o = c.upstream("o").orElseThrow();
            Map<String, Upstream> upstreams = new LinkedHashMap<>(c.upstreams());
            upstreams.put("o", new Upstream(o.name(), o.family(), o.baseUrl(), o.auth(), o.statusPage(), o.statusComponent(),
                    Map.of("opus", "'quoted' model")));
            return new Config(c.settings(), upstreams, c.sessions());
        });
        assertEquals(text.replace("models = { opus = 'big' }", "models = { opus = \"'quoted' model\" }"), out);
    }

    @Test
    void aNewUpstreamIsWrittenWithEveryKeyItHas() throws Exception {
        Upstream backup = new Upstream("backup", Family.OPENAI, "https://backup.example/v1", "env:BACKUP_KEY",
                "https://status.backup.example", "Chat API", Map.of("opus", "big"), "responses", 45);
        String out = change(TWO_SESSIONS, c -> {
            Map<String, Upstream> upstreams = new LinkedHashMap<>(c.upstreams());
            upstreams.put("backup", backup);
            return new Config(c.settings(), upstreams, c.sessions());
        });
        assertEquals(TWO_SESSIONS.replace("models = { opus = \"big\" }\n", "models = { opus = \"big\" }\n\n[upstreams.backup]\n"
                + "family = \"openai\"\napi = \"responses\"\nbase_url = \"https://backup.example/v1\"\nauth = \"env:BACKUP_KEY\"\n"
                + "status_page = \"https://status.backup.example\"\nstatus_component = \"Chat API\"\nmodels = { opus = \"big\" }\n"
                + "first_byte_timeout_s = 45\n"), out);
    }

    @Test
    void aRewrittenRouteKeepsItsFirstQuoteAndItsPadding() throws Exception {
        String single = TWO_SESSIONS.replace("route = [\"a\", \"o\"]", "route = ['a', \"o\"]");
        assertEquals(single.replace("route = ['a', \"o\"]", "route = ['o', 'a']"),
                change(single, c -> dev.detour.route.RouteChanges.reroute(c, "main", "o")));
        String dbl = TWO_SESSIONS.replace("route = [\"a\", \"o\"]", "route = [\"a\", 'o']");
        assertEquals(dbl.replace("route = [\"a\", 'o']", "route = [\"o\", \"a\"]"),
                change(dbl, c -> dev.detour.route.RouteChanges.reroute(c, "main", "o")));
        String tab = TWO_SESSIONS.replace("route = [\"a\", \"o\"]", "route = [\t\"a\", \"o\" ]");
        assertEquals(tab.replace("route = [\t\"a\", \"o\" ]", "route = [ \"o\", \"a\" ]"),
                change(tab, c -> dev.detour.route.RouteChanges.reroute(c, "main", "o")));
    }
}
