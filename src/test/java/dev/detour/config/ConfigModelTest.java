package dev.detour.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the model tells the rest of detour about an upstream (how it authenticates, how tables label it, which
 * network settings apply), the dialects' spellings, the proxy values the config accepts, and the edit distance behind
 * the typo suggestions.
 */
class ConfigModelTest {
    private static final Path FILE = Path.of("/home/dev/.config/detour/detour.toml");

    private static Config cloud() throws ConfigException {
        return ConfigLoader.parse(FILE, CloudConfigTest.CLOUD + """

                [upstreams.corp]
                family = "anthropic"
                base_url = "https://corp.example"
                auth = "env:CORP_KEY"

                [upstreams.direct]
                family = "anthropic"
                base_url = "https://api.anthropic.com"
                auth = "passthrough"

                [upstreams.codex]
                family = "openai"
                api = "responses"
                base_url = "https://api.openai.com/v1"
                auth = "env:OPENAI_API_KEY"
                """).config();
    }

    @Test
    void howEachUpstreamAuthenticatesAndIsLabelled() throws Exception {
        Config c = cloud();
        Upstream bedrock = c.upstream("bedrock-west").orElseThrow();
        Upstream vertex = c.upstream("vertex-eu").orElseThrow();
        Upstream token = c.upstream("vertex-global").orElseThrow();
        Upstream corp = c.upstream("corp").orElseThrow();
        Upstream direct = c.upstream("direct").orElseThrow();
        Upstream codex = c.upstream("codex").orElseThrow();

        assertTrue(bedrock.ambientAuth() && vertex.ambientAuth());
        assertFalse(token.ambientAuth() || corp.ambientAuth() || direct.ambientAuth());
        assertTrue(direct.passthrough());
        assertFalse(corp.passthrough() || bedrock.passthrough());
        assertEquals(Optional.of("VERTEX_TOKEN"), token.authEnvVar());
        assertEquals(Optional.of("CORP_KEY"), corp.authEnvVar());
        assertEquals(Optional.empty(), direct.authEnvVar());
        assertEquals(Optional.empty(), bedrock.authEnvVar());

        assertEquals("bedrock us-west-2", bedrock.dialectLabel());
        assertEquals("vertex global", token.dialectLabel());
        assertEquals("anthropic", corp.dialectLabel());
        assertEquals("responses", codex.dialectLabel());
        assertEquals("openai", new Upstream("o", Family.OPENAI, "https://o.example/v1", "env:K", null, null,
                java.util.Map.of()).dialectLabel());
    }

    @Test
    void everyDialectIsSpelledAsInTheConfigAndBelongsToItsFamily() {
        for (Dialect d : Dialect.values()) {
            assertSame(d, Dialect.fromWireName(d.wireName(), d.family()), d.name());
            assertEquals(d.name().toLowerCase(java.util.Locale.ROOT), d.wireName());
        }
        assertEquals(Family.OPENAI, Dialect.RESPONSES.family());
        assertEquals(Family.ANTHROPIC, Dialect.VERTEX.family());
        assertNull(Dialect.fromWireName("chat", Family.ANTHROPIC), "chat is an openai dialect");
        assertEquals(Dialect.CHAT, Dialect.defaultFor(Family.OPENAI));
        assertEquals(Dialect.MESSAGES, Dialect.defaultFor(Family.ANTHROPIC));
    }

    @Test
    void aProxyIsEnvNoneOrAnHttpUrlWithoutAPassword() {
        for (String ok : new String[]{null, "env", "none", "http://proxy.corp.example:3128", "HTTP://proxy:8080"}) {
            assertNull(Network.proxyProblem(ok), ok);
        }
        for (String bad : new String[]{"socks5://proxy:1080", "proxy.corp.example:3128", "http://", "http:// bad"}) {
            String problem = Network.proxyProblem(bad);
            assertEquals("\"" + bad + "\" is not a proxy: expected \"env\", \"none\" or an http:// URL such as "
                    + "\"http://proxy.corp.example:3128\"", problem, bad);
        }
        String password = Network.proxyProblem("http://me:hunter2@proxy:3128");
        assertTrue(password.startsWith("a proxy password does not belong in the config"), password);
        assertFalse(password.contains("hunter2"), "never echo a secret");
    }

    @Test
    void anUpstreamsOwnNetworkSettingsComeFirstAndTheRestFromTheSettings() {
        Network settings = new Network("http://proxy.corp.example:3128", "/etc/corp/ca.pem", "/etc/me.crt", "/etc/me.key");
        Network own = new Network("none", null, "/etc/other.crt", null);
        assertEquals(new Network("none", "/etc/corp/ca.pem", "/etc/other.crt", "/etc/me.key"), own.over(settings));
        assertEquals(settings, Network.UNSET.over(settings));
        assertEquals(new Network("env", "/a", "/b", "/c"), new Network("env", "/a", "/b", "/c").over(Network.UNSET));
    }

    @Test
    void theEditDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, EditDistance.between("route", "route"));
        assertEquals(1, EditDistance.between("rout", "route"));
        assertEquals(1, EditDistance.between("routes", "route"));
        assertEquals(3, EditDistance.between("kitten", "sitting"));
        assertEquals(3, EditDistance.between("", "abc"));
        assertEquals(3, EditDistance.between("x", "abc"));
        assertEquals(3, EditDistance.between("abc", ""));
    }
}
