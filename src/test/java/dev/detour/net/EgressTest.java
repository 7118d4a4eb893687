package dev.detour.net;

import dev.detour.config.Network;
import dev.detour.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EgressTest {
    private static final Map<String, String> ENV = Map.of(
            "HTTPS_PROXY", "http://user:pw@proxy.corp:3128", "HTTP_PROXY", "http://upper.corp:1", "NO_PROXY", ".corp");

    private static Settings settings(String proxy) {
        return new Settings(15, 60, 90, 30, List.of(), new Network(proxy, null, null, null));
    }

    @Test
    void envModeReadsTheVariablesAsCurlDoes() {
        Egress egress = new Egress(settings(null), ENV::get);
        ProxyEndpoint p = egress.proxyFor(null, "https://api.anthropic.com/v1/models");
        assertEquals("proxy.corp", p.host());
        assertEquals(3128, p.port());
        assertEquals("user", p.user());
        assertTrue(!p.describe().contains("pw"), "the password is never described");
        assertNull(egress.proxyFor(null, "https://llm.corp/v1"), "NO_PROXY");
        assertNull(egress.proxyFor(null, "http://example.org/"), "curl ignores upper-case HTTP_PROXY");
    }

    @Test
    void loopbackGoesDirectUnlessTheUpstreamNamesAProxy() {
        Egress egress = new Egress(settings("http://proxy.corp:8080"), ENV::get);
        assertNull(egress.proxyFor(null, "http://127.0.0.1:9000/"));
        assertNull(egress.proxyFor(Network.UNSET, "http://localhost:9000/"));
        assertEquals(8080, egress.proxyFor(null, "https://api.anthropic.com/").port());
        Network own = new Network("http://127.0.0.1:3128", null, null, null);
        assertEquals(3128, egress.proxyFor(own, "https://127.0.0.1:9000/").port());
    }

    @Test
    void noneAndTheUpstreamsOwnSettingWin() {
        Egress egress = new Egress(settings("none"), ENV::get);
        assertNull(egress.proxyFor(null, "https://api.anthropic.com/"));
        assertEquals("proxy.corp", egress.proxyFor(new Network("env", null, null, null),
                "https://api.anthropic.com/").host());
        Egress viaEnv = new Egress(settings("env"), ENV::get);
        assertNull(viaEnv.proxyFor(new Network("none", null, null, null), "https://api.anthropic.com/"));
    }

    @Test
    void aSocksProxyIsRefusedWithoutShowingItsPassword() {
        Egress egress = new Egress(settings(null), Map.of("HTTPS_PROXY", "socks5://u:topsecret@s.corp:1080")::get);
        NetworkException e = assertThrows(NetworkException.class,
                () -> egress.proxyFor(null, "https://api.anthropic.com/"));
        assertTrue(e.getMessage().contains("only http:// proxies"), e.getMessage());
        assertTrue(!e.getMessage().contains("topsecret"), e.getMessage());
    }
}
