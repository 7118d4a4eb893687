package dev.detour.bridge;

import dev.detour.sim.CloudSimAuth;
import dev.detour.sim.SimServer;
import dev.detour.sim.VertexSim;
import dev.detour.testing.Cleanup;
import dev.detour.testing.TestCa;
import dev.detour.testing.TinyProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Google token refresh leaves the box like every other outbound call: a service-account file's token_uri on loopback,
 * reached through the real proxy of the corporate-network tests (tinyproxy, with proxy authentication) and trusting
 * the private CA of the upstream's ca_file. Skips when tinyproxy is not installed.
 */
class CloudEgressTest {
    static final String PROXY_USER = "corpuser";
    static final String PROXY_PASSWORD = "s3cret-" + "proxy-pw";
    static final String MODEL = "claude-sonnet-4-5-20250929";

    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    static TinyProxy proxy;
    static TestCa ca;
    BridgeFixture fx;

    @BeforeAll
    static void network() throws Exception {
        Assumptions.assumeTrue(TinyProxy.installed(), TinyProxy.missing());
        ca = TestCa.create(shared.resolve("ca"));
        proxy = TinyProxy.start(shared.resolve("proxy"), PROXY_USER + " " + PROXY_PASSWORD);
    }

    @AfterAll
    static void stopNetwork() {
        Cleanup.closeAll(proxy);
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private VertexSim vertex() {
        return new VertexSim("vertex", new CloudSimAuth(null, null, null, null, null), "detour-test", "europe-west1",
                Duration.ofMinutes(5), Clock.systemUTC());
    }

    private void bridge(SimServer sim, String scheme, String network) throws Exception {
        fx.sims.put("vertex", sim);
        String base = scheme + "://127.0.0.1:" + sim.port();
        fx.env.put("GOOGLE_APPLICATION_CREDENTIALS", CloudUpstreamsTest.serviceAccount(dir, base + "/token").toString());
        fx.env.put("HTTPS_PROXY", "http://" + PROXY_USER + ":" + PROXY_PASSWORD + "@127.0.0.1:" + proxy.port());
        fx.env.put("http_proxy", fx.env.get("HTTPS_PROXY"));
        fx.write("[upstreams.vertex]\nfamily = \"anthropic\"\napi = \"vertex\"\nproject = \"detour-test\"\n"
                + "region = \"europe-west1\"\nauth = \"gcloud\"\nbase_url = \"" + base + "\"\nproxy = \"env\"\n"
                + "models = { default = \"claude-sonnet-4-5@20250929\" }\n" + network
                + "\n[sessions.main]\nport = " + fx.port + "\nroute = [\"vertex\"]\n");
        fx.start();
    }

    @Test
    void theTokenCallGoesThroughTheAuthenticatedProxy() throws Exception {
        fx = new BridgeFixture(dir);
        SimServer sim = SimServer.start(vertex(), 0);
        bridge(sim, "http", "");
        BridgeFixture.Answer answer = fx.send(fx.messages(false, "via the proxy").build());
        assertEquals(200, answer.status(), answer.body());
        assertTrue(proxy.log().contains("POST http://127.0.0.1:" + sim.port() + "/token"),
                "the token request went through the proxy: " + proxy.log());
        assertTrue(fx.simRequests("vertex").toString().contains("\"/token\""), fx.simRequests("vertex").toString());
        CloudUpstreamsTest.assertNoCredentialIn(fx, PROXY_PASSWORD);
    }

    @Test
    void theTokenCallTrustsThePrivateCaOfTheUpstreamThroughTheProxy() throws Exception {
        fx = new BridgeFixture(dir);
        SimServer sim = SimServer.startTls(vertex(), 0, ca.serverContext(), false);
        bridge(sim, "https", "ca_file = \"" + ca.caPem() + "\"\n");
        BridgeFixture.Answer answer = fx.send(fx.messages(true, "via the proxy over tls").build());
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("Answer from vertex"), answer.body());
        long tunnels = proxy.log().lines().filter(l -> l.contains("CONNECT 127.0.0.1:" + sim.port())).count();
        assertTrue(tunnels >= 2, "a tunnel for the token and one for the call: " + proxy.log());
    }
}
