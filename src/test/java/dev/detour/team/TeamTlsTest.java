package dev.detour.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.testing.Cleanup;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.FreePort;
import dev.detour.testing.RedisServer;
import dev.detour.testing.SimProcess;
import dev.detour.testing.TestCa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code rediss://}: a real redis-server serving TLS on loopback with a certificate from a private CA. The team's
 * connection is made by the same egress as every other: with the CA in {@code [settings] ca_file} it works (a bridge
 * publishes, a team reroute is stored, status reads the view); without it the certificate is refused.
 */
class TeamTlsTest {
    @TempDir
    static Path dir;
    static RedisServer redis;
    static SimProcess anthropic;
    static TestCa ca;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        RedisServer.assumeInstalled();
        ca = TestCa.create(dir.resolve("ca"));
        List<Path> server = ca.serverPem("redis");
        int tlsPort = FreePort.pick();
        redis = RedisServer.startTls(dir.resolve("redis"), tlsPort, server.get(0), server.get(1), ca.caPem());
        url = "rediss://127.0.0.1:" + tlsPort + "/0";
        try {
            anthropic = SimProcess.start(dir, "anthropic", "anthropic-sim");
        } catch (Exception | AssertionError e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        Cleanup.closeAll(anthropic, redis);
    }

    @Test
    void withThePrivateCaInCaFileTheTeamWorksOverTls() throws Exception {
        try (TeamBox box = new TeamBox(dir, "tls-box", url, TeamBox.upstreams("anthropic", anthropic.baseUrl(),
                "corp-proxy", anthropic.baseUrl()), "off").withSettings("ca_file = \"" + ca.caPem() + "\"")) {
            box.startBridge();
            assertEquals(200, box.request());
            TeamBox.await("the bridge's summary arrives over TLS", Duration.ofSeconds(30), () -> {
                JsonNode team = box.teamJson().get("team");
                return team.get("reachable").asBoolean() && team.get("view").get("boxes").asInt() == 1;
            });
            assertTrue(box.teamJson().get("team").get("redis").asText().startsWith("rediss://127.0.0.1:"));
            DetourProcess.Result r = box.detour("reroute", "main", "--to", "corp-proxy", "--team", "--for", "10m");
            assertEquals(0, r.exitCode(), r.stderr());
            TeamBox.await("the bridge follows the override read over TLS", Duration.ofSeconds(20),
                    () -> box.servingFirst().equals("corp-proxy"));
            try (Jedis plain = redis.client()) {
                assertNotNull(plain.get("detour:team:" + TeamBox.TEAM + ":override:main"), "the override is stored");
            }
        }
    }

    @Test
    void withoutTheCaTheServersCertificateIsRefusedAndNothingIsPublished() throws Exception {
        TeamBox box = new TeamBox(dir, "no-ca-box", url, TeamBox.upstreams("anthropic", anthropic.baseUrl()), "off");
        JsonNode team = box.teamJson().get("team");
        assertFalse(team.get("reachable").asBoolean());
        String error = team.get("error").asText();
        assertTrue(error.contains("rediss://127.0.0.1:") && (error.contains("PKIX") || error.contains("certif")), error);
        DetourProcess.Result r = box.detour("reroute", "main", "--to", "anthropic", "--team");
        assertEquals(1, r.exitCode(), r.stdout());
        assertTrue(r.stderr().contains("nothing was published"), r.stderr());
    }
}
