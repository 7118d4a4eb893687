package dev.detour.health;

import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.wire.FailureClass;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Each rung of the ladder failing in turn, against real servers on 127.0.0.1. */
class ProbeLadderTest {
    /** Resolves only {@code *.loopback.test} (to 127.0.0.1); every other name fails, without asking a DNS server. */
    static final Dns LOOPBACK_ONLY = host -> {
        if (host.endsWith(".loopback.test")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        throw new UnknownHostException(host + ": Name or service not known");
    };

    @TempDir
    static Path dir;
    static Loopback.TestCert cert;
    static Prober prober;

    @BeforeAll
    static void setUp() throws Exception {
        cert = Loopback.TestCert.generate(dir);
        prober = new Prober(4, Duration.ofMillis(1500), ProbeLadder.platformTrust(), LOOPBACK_ONLY);
    }

    @AfterAll
    static void tearDown() {
        prober.close();
    }

    static Upstream upstream(String name, Family family, String baseUrl, String auth) {
        return new Upstream(name, family, baseUrl, auth, null, null, Map.of());
    }

    static ProbeResult probe(Prober p, ProbeTarget target) {
        return p.probeAll(List.of(target), Duration.ofSeconds(5)).get(0);
    }

    static ProbeResult probe(String baseUrl) {
        return probe(prober, ProbeTarget.forUpstream(upstream("up", Family.ANTHROPIC, baseUrl, "passthrough"), Map.of()));
    }

    @Test
    void dnsFailureStopsAtTheFirstRung() {
        ProbeResult r = probe("https://api.nowhere.test");
        assertEquals(Rung.DNS, r.failedRung());
        assertEquals(FailureClass.UNREACHABLE, r.failureClass());
        assertEquals("DNS lookup failed for api.nowhere.test", r.reason());
        assertEquals(1, r.rungs().size());
        assertTrue(r.failedBeforeService());
    }

    @Test
    void closedPortFailsAtConnect() throws Exception {
        ProbeResult r = probe("http://127.0.0.1:" + Loopback.closedPort());
        assertEquals(Rung.CONNECT, r.failedRung());
        assertEquals(FailureClass.UNREACHABLE, r.failureClass());
        assertEquals("connection refused", r.reason());
        assertEquals(new RungResult(Rung.DNS, true, 0L, "no lookup (IP address)"), r.rungs().get(0));
        assertNull(r.latencyMs());
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersIsAnOutageAfterConnect() throws Exception {
        try (Loopback.Silent silent = new Loopback.Silent()) {
            ProbeResult r = probe("http://api.loopback.test:" + silent.port());
            assertEquals(Rung.HTTP, r.failedRung());
            assertEquals(FailureClass.OUTAGE, r.failureClass());
            assertEquals("no answer after connect (timed out)", r.reason());
            assertTrue(r.rungs().get(0).ok(), "DNS rung: " + r.rungs().get(0));
            assertEquals("127.0.0.1", r.rungs().get(0).detail());
            assertTrue(r.rungs().get(1).ok());
            assertEquals("not used (plain http)", r.rungs().get(2).detail());
            assertFalse(r.failedBeforeService());
        }
    }

    @Test
    void aResetAfterConnectIsAnOutage() throws Exception {
        try (Loopback.Resetting resetting = new Loopback.Resetting()) {
            ProbeResult r = probe("http://127.0.0.1:" + resetting.port());
            assertEquals(Rung.HTTP, r.failedRung());
            assertEquals(FailureClass.OUTAGE, r.failureClass());
            assertTrue(r.reason().startsWith("connection broken after connect: "), r.reason());
        }
    }

    @Test
    void aSilentServerOnHttpsFailsAtTls() throws Exception {
        try (Loopback.Silent silent = new Loopback.Silent()) {
            ProbeResult r = probe("https://127.0.0.1:" + silent.port());
            assertEquals(Rung.TLS, r.failedRung());
            assertEquals(FailureClass.UNREACHABLE, r.failureClass());
            assertEquals("TLS handshake timed out", r.reason());
        }
    }

    @Test
    void aSelfSignedCertificateFailsAtTlsAndShowsItsIssuer() throws Exception {
        try (Loopback.Server s = Loopback.https(cert, Loopback.Answer.json(200, "{\"data\":[]}"))) {
            ProbeResult r = probe(s.url());
            assertEquals(Rung.TLS, r.failedRung());
            assertEquals(FailureClass.UNREACHABLE, r.failureClass());
            assertEquals(Loopback.TestCert.ISSUER, r.certIssuer());
            assertEquals("issuer " + Loopback.TestCert.ISSUER + " is not trusted: add it with ca_file", r.reason());
            assertTrue(s.seen.isEmpty(), "no request may reach a server whose certificate is not trusted");
        }
    }

    @Test
    void aTrustedInterceptorPassesTlsAndItsIssuerIsRecorded() throws Exception {
        try (Prober trusting = new Prober(2, Duration.ofMillis(1500), cert.trustManager(), LOOPBACK_ONLY);
             Loopback.Server s = Loopback.https(cert, Loopback.Answer.json(200, "{\"data\":[],\"has_more\":false}"))) {
            ProbeResult r = probe(trusting, ProbeTarget.forUpstream(
                    upstream("corp", Family.ANTHROPIC, s.url(), "passthrough"), Map.of()));
            assertTrue(r.ok(), r.reason());
            assertNull(r.failedRung());
            assertEquals(List.of(Rung.DNS, Rung.CONNECT, Rung.TLS, Rung.HTTP), r.rungs().stream().map(RungResult::rung).toList());
            assertEquals("issuer " + Loopback.TestCert.ISSUER, r.rungs().get(2).detail());
            assertNotNull(r.rungs().get(2).ms());
            assertEquals(Loopback.TestCert.ISSUER, r.certIssuer());
        }
    }

    @Test
    void a401WithoutAKeyStillProvesTheApiAnswers() throws Exception {
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"x-api-key header is required\"}}"))) {
            ProbeResult r = probe(s.url());
            assertTrue(r.ok(), r.reason());
            assertEquals(401, r.status());
            assertEquals("API answers 401 without a key", r.reason());
            assertEquals("/v1/models", s.seen.peek().path());
            assertEquals(List.of(ProbeTarget.ANTHROPIC_VERSION), s.seen.peek().headers().get("Anthropic-version"));
        }
    }

    @Test
    void a401WithTheUpstreamsKeyIsAnAuthFailureAndTheKeyNeverShows() throws Exception {
        String key = "sk-ant-" + "api03-secretsecretsecret"; // split: keep secret scanners quiet
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(401,
                "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"))) {
            ProbeTarget target = ProbeTarget.forUpstream(
                    upstream("corp", Family.ANTHROPIC, s.url(), "env:CORP_KEY"), Map.of("CORP_KEY", key));
            ProbeResult r = probe(prober, target);
            assertEquals(FailureClass.AUTH, r.failureClass());
            assertEquals(Rung.HTTP, r.failedRung());
            assertTrue(r.credential());
            assertEquals("401 authentication_error: invalid x-api-key", r.reason());
            assertEquals(List.of(key), s.seen.peek().headers().get("X-api-key"));
            assertFalse(target.toString().contains("secret"));
            assertFalse(r.toString().contains("secret"));
        }
    }

    @Test
    void a529IsOverloaded() throws Exception {
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))) {
            ProbeResult r = probe(s.url());
            assertEquals(FailureClass.OVERLOADED, r.failureClass());
            assertEquals(Rung.HTTP, r.failedRung());
            assertEquals(529, r.status());
            assertFalse(r.rungs().get(3).ok());
            assertNotNull(r.latencyMs());
        }
    }

    @Test
    void a200ListsModelsAndOpenAiUpstreamsUseTheirOwnPathAndBearerKey() throws Exception {
        try (Loopback.Server s = Loopback.http(Loopback.Answer.json(200, "{\"object\":\"list\",\"data\":[]}"))) {
            ProbeResult r = probe(prober, ProbeTarget.forUpstream(
                    upstream("openai", Family.OPENAI, s.url() + "/v1", "env:OPENAI_KEY"), Map.of("OPENAI_KEY", "sk-test1234")));
            assertTrue(r.ok(), r.reason());
            assertEquals("models listed with key", r.reason());
            assertEquals("/v1/models", s.seen.peek().path());
            assertEquals(List.of("Bearer sk-test1234"), s.seen.peek().headers().get("Authorization"));
            assertEquals(4, r.rungs().size());
            assertTrue(r.rungs().stream().allMatch(RungResult::ok));
        }
    }

    @Test
    void anUnsetKeyVariableProbesWithoutAKey() throws Exception {
        ProbeTarget t = ProbeTarget.forUpstream(upstream("corp", Family.ANTHROPIC, "http://127.0.0.1:1", "env:UNSET_KEY"), Map.of());
        assertFalse(t.credential());
        assertFalse(t.headers().containsKey("x-api-key"));
    }

    @Test
    void anHtmlPageFromAProxyIsAnOutage() throws Exception {
        try (Loopback.Server s = Loopback.http(new Loopback.Answer(502, "text/html",
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", Map.of(), 0))) {
            ProbeResult r = probe(s.url());
            assertEquals(FailureClass.OUTAGE, r.failureClass());
            assertEquals("HTML error page from a proxy (502 HTML page '502 Bad Gateway')", r.reason());
        }
    }

    @Test
    void controlHostsAreReachableOnAnyAnswer() throws Exception {
        try (Loopback.Server s = Loopback.http(new Loopback.Answer(404, "text/html", "<html>nope</html>", Map.of(), 0))) {
            ProbeResult r = probe(prober, ProbeTarget.forControlHost(s.url()));
            assertTrue(r.ok(), r.reason());
            assertEquals("answers (404)", r.reason());
            assertEquals("/", s.seen.peek().path());
        }
        assertEquals("https://example.com:8443/", ProbeTarget.forControlHost("example.com:8443").url());
        assertEquals("https://example.com/", ProbeTarget.forControlHost("example.com").url());
        assertEquals("https://[::1]/", ProbeTarget.forControlHost("::1").url());
        assertEquals("https://[::1]:8443/", ProbeTarget.forControlHost("[::1]:8443").url());
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.forControlHost("ftp://example.com"));
        assertThrows(IllegalArgumentException.class, () -> ProbeTarget.forControlHost("bad host"));
    }
}
