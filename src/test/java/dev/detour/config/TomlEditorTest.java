package dev.detour.config;

import dev.detour.route.RouteChanges;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The text edits behind the writer, on layouts people actually write. */
class TomlEditorTest {
    private static final Path FILE = Path.of("t.toml");

    private static final String TRICKY = """
            [upstreams."a"]   # quoted table name
            family = 'anthropic'
            base_url = "https://a.example/#frag"  # a '#' inside a string is not a comment
            auth = "passthrough"
            status_component = "x]y,z\\"q"
            [upstreams.o]
            family = "openai"
            base_url = "https://o.example/v1"
            auth = "env:O_KEY"
            models = { opus = "big", haiku = "small" }   # inline table
            [sessions.main]
            port = 8781
            route = ["a", "o"]
            [sessions.spare]
            port = 8782
            route = ["o"]
            # trailing comment
            """;

    private static String change(String text, java.util.function.UnaryOperator<Config> change) throws ConfigException {
        Config before = ConfigLoader.parse(FILE, text).config();
        return ConfigWriter.render(FILE, text, before, change.apply(before));
    }

    @Test
    void layoutFindsKeysAndValueSpansAroundStringsThatLookLikeSyntax() throws Exception {
        TomlLayout layout = TomlLayout.scan(TRICKY);
        TomlLayout.Entry url = layout.entry(List.of("upstreams", "a", "base_url"));
        assertEquals(3, url.line());
        assertEquals("\"https://a.example/#frag\"", TRICKY.substring(url.valueStart(), url.valueEnd()));
        TomlLayout.Entry component = layout.entry(List.of("upstreams", "a", "status_component"));
        assertEquals("\"x]y,z\\\"q\"", TRICKY.substring(component.valueStart(), component.valueEnd()));
        assertEquals(1, layout.table(List.of("upstreams", "a")).line());
        assertEquals(10, layout.line(List.of("upstreams", "o", "models", "haiku")), "a key inside an inline table");
        assertEquals("x]y,z\"q", ConfigLoader.parse(FILE, TRICKY).config().upstream("a").orElseThrow().statusComponent());
    }

    @Test
    void commentLinesAfterAChangedRouteStayWhereTheyWere() throws Exception {
        String text = """
                [upstreams.a]
                family = "anthropic"
                base_url = "https://a.example"
                auth = "passthrough"
                [upstreams.b]
                family = "anthropic"
                base_url = "https://b.example"
                auth = "passthrough"
                [sessions.main]
                route = ["a", "b"]
                # why this order: a is cheaper
                #   (and b is slower)

                port = 8781
                [sessions.spare]
                port = 8782
                route = [
                    "a",  # first
                    "b",
                    # below the last item
                ]
                # after a multi-line route
                """;
        String next = change(text, c -> RouteChanges.reroute(RouteChanges.reroute(c, "main", "b"), "spare", "b"));
        assertEquals(text.replace("route = [\"a\", \"b\"]", "route = [\"b\", \"a\"]")
                .replace("    \"a\",  # first\n    \"b\",\n", "    \"b\",\n    \"a\",  # first\n"), next);
    }

    @Test
    void rerouteInATrickyFileChangesOnlyTheRouteValue() throws Exception {
        assertEquals(TRICKY.replace("route = [\"a\", \"o\"]", "route = [\"o\", \"a\"]"),
                change(TRICKY, c -> RouteChanges.reroute(c, "main", "o")));
    }

    @Test
    void anInlineTableIsRewrittenInPlace() throws Exception {
        String out = change(TRICKY, c -> {
            Upstream o = c.upstream("o").orElseThrow();
            Map<String, Upstream> upstreams = new LinkedHashMap<>(c.upstreams());
            upstreams.put("o", new Upstream("o", o.family(), o.baseUrl(), o.auth(), null, null,
                    Map.of("opus", "bigger")));
            return new Config(c.settings(), upstreams, c.sessions());
        });
        assertEquals(TRICKY.replace("models = { opus = \"big\", haiku = \"small\" }", "models = { opus = \"bigger\" }"), out);
    }

    @Test
    void aRemovedSessionLosesExactlyItsLines() throws Exception {
        String out = change(TRICKY, c -> {
            Map<String, Session> sessions = new LinkedHashMap<>(c.sessions());
            sessions.remove("spare");
            return new Config(c.settings(), c.upstreams(), sessions);
        });
        assertEquals(TRICKY.replace("[sessions.spare]\nport = 8782\nroute = [\"o\"]\n", ""), out);
    }

    @Test
    void aChangedSettingIsAddedToAnExistingSettingsTableOrAsANewOne() throws Exception {
        String withSettings = "[settings]\nprobe_interval_s = 15\n\n" + TRICKY;
        String out = change(withSettings, c -> new Config(new Settings(15, 60, 30, List.of()), c.upstreams(), c.sessions()));
        assertEquals(withSettings.replace("probe_interval_s = 15\n", "probe_interval_s = 15\nidle_timeout_s = 30\n"), out);

        String created = change(TRICKY, c -> new Config(new Settings(15, 60, 90, List.of("1.1.1.1")), c.upstreams(), c.sessions()));
        assertEquals(TRICKY + "\n[settings]\ncontrol_hosts = [\"1.1.1.1\"]\n", created);
    }

    @Test
    void windowsLineEndsStayWindowsLineEnds() throws Exception {
        String crlf = TRICKY.replace("\n", "\r\n");
        String out = change(crlf, c -> RouteChanges.reroute(c.withSession(new Session("third", 8783, List.of("a"), Failover.ANY)),
                "main", "o"));
        String expected = crlf.replace("route = [\"a\", \"o\"]", "route = [\"o\", \"a\"]")
                .replace("route = [\"o\"]\r\n", "route = [\"o\"]\r\n\r\n[sessions.third]\r\nport = 8783\r\nroute = [\"a\"]\r\nfailover = \"any\"\r\n");
        assertEquals(expected, out);
    }

    @Test
    void aFileWithoutAFinalNewlineGetsOneBeforeAnAppendedTable() throws Exception {
        String text = "[upstreams.a]\nfamily = \"anthropic\"\nbase_url = \"https://a.example\"\nauth = \"passthrough\"";
        String out = change(text, c -> c.withSession(new Session("main", 8781, List.of("a"), Failover.OFF)));
        assertEquals(text + "\n\n[sessions.main]\nport = 8781\nroute = [\"a\"]\nfailover = \"off\"\n", out);
    }

    @Test
    void theScannerRefusesWhatTheWriterCouldNotEditSafely() {
        assertThrows(TomlLayout.SyntaxError.class, () -> TomlLayout.scan("a = \n"));
        assertThrows(TomlLayout.SyntaxError.class, () -> TomlLayout.scan("[[s]]\na = 1\n"));
        assertThrows(TomlLayout.SyntaxError.class, () -> TomlLayout.scan("a = [1, 2\n"));
        assertThrows(TomlLayout.SyntaxError.class, () -> TomlLayout.scan("a = \"x\" y\n"));
    }
}
