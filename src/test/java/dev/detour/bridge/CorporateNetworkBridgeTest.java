package dev.detour.bridge;

import dev.detour.config.ConfigLoader;
import dev.detour.config.Upstream;
import dev.detour.health.ProbeLadder;
import dev.detour.health.ProbeResult;
import dev.detour.health.ProbeTarget;
import dev.detour.health.Rung;
import dev.detour.net.Egress;
import dev.detour.sim.AnthropicSim;
import dev.detour.sim.SimServer;
import dev.detour.testing.ClaudeCli;
import dev.detour.testing.Cleanup;
import dev.detour.testing.FreePort;
import dev.detour.testing.TestCa;
import dev.detour.testing.TinyProxy;
import dev.detour.wire.BridgeClient;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bridge on a corporate network: a real proxy (tinyproxy) in front of a TLS simulator whose certificate comes from
 * a private CA made for the test, with and without a client certificate the simulator requires.
 */
class CorporateNetworkBridgeTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static TestCa ca;
    static SimServer tlsSim;
    static SimServer mtlsSim;
    static TinyProxy proxy;
    static TinyProxy authProxy;
    static List<Path> client;
    BridgeFixture f;

    @BeforeAll
    static void network() throws Exception {
        Assumptions.assumeTrue(TinyProxy.installed(), TinyProxy.missing());
        ca = TestCa.create(shared.resolve("ca"));
        tlsSim = SimServer.startTls(new AnthropicSim("corp"), 0, ca.serverContext(), false);
        mtlsSim = SimServer.startTls(new AnthropicSim("corp-mtls"), 0, ca.serverContext(), true);
        client = ca.clientCertificate("me", null, 2);
        proxy = TinyProxy.start(shared.resolve("proxy"), null);
        authProxy = TinyProxy.start(shared.resolve("auth-proxy"), "corpuser s3cret-proxy-pw");
    }

    @AfterAll
    static void stopNetwork() {
        Cleanup.closeAll(proxy, authProxy, tlsSim, mtlsSim);
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private String upstream(String name, int port, String extra) {
        return "[upstreams." + name + "]\nfamily = \"anthropic\"\nbase_url = \"https://127.0.0.1:" + port
                + "\"\nauth = \"env:CORP_KEY\"\n" + extra + "\n";
    }

    private void bridge(String upstreams, List<String> route) throws Exception {
        f = new BridgeFixture(dir);
        f.env.put("CORP_KEY", "sk-corp-test-key-0000");
        f.write("[settings]\nidle_timeout_s = 5\n\n" + upstreams + "[sessions.main]\nport = " + f.port + "\nroute = [\""
                + String.join("\", \"", route) + "\"]\nfailover = \"same-family\"\n");
        f.start();
    }

    @Test
    void theBridgeReachesATlsUpstreamThroughTheProxyTrustingTheExtraCa() throws Exception {
        bridge(upstream("corp", tlsSim.port(), "proxy = \"" + proxy.url() + "\"\nca_file = \"" + ca.caPem() + "\""),
                List.of("corp"));
        BridgeFixture.Answer answer = f.send(f.messages(false, "through the proxy").build());
        assertEquals(200, answer.status(), answer.body());
        assertTrue(proxy.log().contains("127.0.0.1:" + tlsSim.port()), "the proxy tunnelled it: " + proxy.log());
        BridgeFixture.Answer streamed = f.send(f.messages(true, "streamed through the proxy").build());
        assertEquals(200, streamed.status());
        assertTrue(streamed.body().contains("message_stop"), streamed.body());
    }

    @Test
    void proxyCredentialsComeFromHttpsProxyInTheEnvironment() throws Exception {
        f = new BridgeFixture(dir);
        f.env.put("CORP_KEY", "sk-corp-test-key-0000");
        f.env.put("HTTPS_PROXY", "http://corpuser:s3cret-proxy-pw@127.0.0.1:" + authProxy.port());
        f.write("[settings]\nidle_timeout_s = 5\nca_file = \"" + ca.caPem() + "\"\n\n"
                + upstream("corp", tlsSim.port(), "proxy = \"env\"")
                + "[sessions.main]\nport = " + f.port + "\nroute = [\"corp\"]\n");
        f.start();
        BridgeFixture.Answer answer = f.send(f.messages(false, "authenticated proxy").build());
        assertEquals(200, answer.status(), answer.body());
        assertTrue(authProxy.log().contains("127.0.0.1:" + tlsSim.port()), authProxy.log());
    }

    @Test
    void aRequiredClientCertificateIsPresentedAndWithoutItTheUpstreamRefuses() throws Exception {
        String common = "proxy = \"" + proxy.url() + "\"\nca_file = \"" + ca.caPem() + "\"\n";
        bridge(upstream("with-cert", mtlsSim.port(), common + "client_cert = \"" + client.get(0)
                        + "\"\nclient_key = \"" + client.get(1) + "\"")
                        + upstream("without-cert", mtlsSim.port(), common),
                List.of("with-cert"));
        assertEquals(200, f.send(f.messages(false, "mutual tls").build()).status());
        f.close();
        f = null;
        bridge(upstream("without-cert", mtlsSim.port(), common), List.of("without-cert"));
        BridgeFixture.Answer refused = f.send(f.messages(false, "no client cert").build());
        assertTrue(refused.status() >= 502, refused.body());
        // TLS 1.3: the refusal arrives as the server's alert or as a broken pipe, depending on timing
        assertTrue(refused.body().contains("no upstream answered (without-cert: S"), refused.body());
    }

    @Test
    void aProxyThatIsDownIsItsOwnVerdictAndTheBridgeFailsOver() throws Exception {
        int deadProxy = FreePort.closed();
        SimServer direct = SimServer.start(new AnthropicSim("direct"), 0);
        try {
            bridge(upstream("corp", tlsSim.port(), "proxy = \"http://127.0.0.1:" + deadProxy + "\"\nca_file = \""
                    + ca.caPem() + "\"") + "[upstreams.direct]\nfamily = \"anthropic\"\nbase_url = \"http://127.0.0.1:"
                    + direct.port() + "\"\nauth = \"env:CORP_KEY\"\n\n", List.of("corp", "direct"));
            BridgeFixture.Answer answer = f.send(f.messages(false, "fail over").build());
            assertEquals(200, answer.status(), answer.body());
            assertFalse(f.events("failover").isEmpty(), "a failover was journalled");

            ProbeResult probe = probe("corp");
            assertEquals(Rung.PROXY, probe.failedRung(), probe.toString());
            assertTrue(probe.reason().startsWith("proxy down"), probe.reason());
        } finally {
            direct.close();
        }
    }

    @Test
    void anUntrustedCaIsNamedWithTheFix() throws Exception {
        bridge(upstream("corp", tlsSim.port(), "proxy = \"" + proxy.url() + "\""), List.of("corp"));
        BridgeFixture.Answer refused = f.send(f.messages(false, "untrusted").build());
        assertTrue(refused.status() >= 502 && refused.body().contains("corp: SSLHandshakeException"), refused.body());
        ProbeResult probe = probe("corp");
        assertEquals(Rung.TLS, probe.failedRung(), probe.toString());
        assertEquals("issuer " + TestCa.CA_NAME + " (Detour Test) is not trusted: add it with ca_file", probe.reason());

        ProbeResult withProxyRung = probe("corp");
        assertTrue(withProxyRung.rungs().stream().anyMatch(r -> r.rung() == Rung.PROXY && r.ok()),
                "the proxy rung passed: " + withProxyRung.rungLines());
    }

    @Test
    void theRealClaudeCodeCliWorksThroughABridgeWhoseUpstreamIsReachedOnlyThroughTheProxy() throws Exception {
        ClaudeCli.binary();
        bridge(upstream("corp", tlsSim.port(), "proxy = \"" + proxy.url() + "\"\nca_file = \"" + ca.caPem() + "\""),
                List.of("corp"));
        String before = proxy.log();
        ClaudeCli.Result r = ClaudeCli.at(BridgeClient.baseUrl(f.port, f.token)).prompt("say hi through the proxy").run();
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Answer from corp"), r.toString());
        String tunnelled = proxy.log().substring(before.length());
        assertTrue(tunnelled.contains("127.0.0.1:" + tlsSim.port()), "the bridge tunnelled through the proxy: " + tunnelled);
    }

    private ProbeResult probe(String name) throws Exception {
        var config = ConfigLoader.load(f.configFile).config();
        Upstream u = config.upstream(name).orElseThrow();
        ExecutorService dns = Executors.newSingleThreadExecutor();
        try {
            ProbeLadder ladder = new ProbeLadder(Duration.ofSeconds(5), dns, ProbeLadder.platformTrust(), Dns.SYSTEM);
            return ladder.probe(ProbeTarget.forUpstream(u, Map.copyOf(f.env))
                    .through(new Egress(config.settings(), f.env::get), u.network()));
        } finally {
            dns.shutdownNow();
        }
    }
}
