package dev.detour.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.testing.Cleanup;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.RedisServer;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three boxes (separate folders, configs, state dirs and real bridge processes) in one team on a real redis-server:
 * shared health, a team reroute that moves real requests on every box that can follow it, --clear, expiry, an
 * override one box cannot follow, and unsigned, forged and replayed messages ignored.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamThreeBoxesTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    @TempDir
    static Path dir;
    static RedisServer redis;
    static SimProcess anthropic;
    static SimProcess corp;
    static TeamBox box1;
    static TeamBox box2;
    static TeamBox box3;

    @BeforeAll
    static void startTeam() throws Exception {
        RedisServer.assumeInstalled();
        try {
            redis = RedisServer.start(dir.resolve("redis"));
            anthropic = SimProcess.start(dir, "anthropic", "anthropic-sim");
            corp = SimProcess.start(dir, "anthropic", "corp-sim");
            var both = TeamBox.upstreams("anthropic", anthropic.baseUrl(), "corp-proxy", corp.baseUrl());
            box1 = new TeamBox(dir, "box-1", redis.url(), both, "off").startBridge();
            box2 = new TeamBox(dir, "box-2", redis.url(), both, "off").startBridge();
            box3 = new TeamBox(dir, "box-3", redis.url(), TeamBox.upstreams("anthropic", anthropic.baseUrl()), "off")
                    .startBridge();
        } catch (Exception | AssertionError e) {
            stopTeam();
            throw e;
        }
    }

    @AfterAll
    static void stopTeam() {
        Cleanup.closeAll(box1, box2, box3, anthropic, corp, redis);
    }

    @Test
    @Order(1)
    void everyBoxSharesItsHealthAndABoxWithoutTrafficLearnsFromTheTeam() throws Exception {
        for (TeamBox box : new TeamBox[] {box1, box2, box3}) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, box.request());
            }
        }
        anthropic.fault("{\"mode\":\"status\",\"status\":529}");
        for (TeamBox box : new TeamBox[] {box1, box2}) {
            for (int i = 0; i < 2; i++) {
                assertEquals(529, box.request());
            }
        }
        anthropic.fault("{\"mode\":\"healthy\"}");
        TeamBox.await("the team view counts 13 anthropic requests from 3 boxes", BOUND, () -> {
            JsonNode up = upstream(box3.teamJson(), "anthropic");
            return up != null && up.get("requests").asInt() == 13;
        });
        JsonNode team = box3.teamJson().get("team");
        assertTrue(team.get("reachable").asBoolean());
        assertEquals(3, team.get("view").get("boxes").asInt());
        JsonNode up = upstream(box3.teamJson(), "anthropic");
        assertEquals(4, up.get("failures").asInt());
        assertEquals("overloaded", up.get("failure").asText());
        assertEquals(2, up.get("boxes_failing").asInt());
        DetourProcess.Result text = box3.detour("status", "--no-health");
        assertTrue(text.stdout().contains("anthropic: overloaded on 2 of 3 boxes, 31% of 13 requests"), text.stdout());
        assertFalse(text.stdout().contains(TeamBox.SECRET), "the secret is never printed");

        // A fourth box of the team with no bridge running: its diagnosis comes from the team's traffic.
        TeamBox watcher = new TeamBox(dir, "box-4", redis.url(),
                TeamBox.upstreams("anthropic", anthropic.baseUrl(), "corp-proxy", corp.baseUrl()), "off");
        JsonNode health = watcher.statusJson().get("health").get("upstreams");
        JsonNode seen = null;
        for (JsonNode u : health) {
            if (u.get("name").asText().equals("anthropic")) {
                seen = u;
            }
        }
        assertTrue(seen != null && seen.has("passive"), String.valueOf(health));
        assertEquals(13, seen.get("passive").get("requests").asInt(), "the team's traffic became this box's passive signal");
        assertEquals(3, seen.get("passive").get("bridges").asInt());
    }

    @Test
    @Order(2)
    void aTeamRerouteMovesRealRequestsOnEveryBoxThatHasTheUpstreamAndClearPutsThemBack() throws Exception {
        String config1 = Files.readString(box1.config);
        DetourProcess.Result r = box1.detour("reroute", "main", "--to", "corp-proxy", "--team", "--for", "30m",
                "--reason", "anthropic 529s");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("main: team override corp-proxy on every box of team drill for 30m 0s (until "),
                r.stdout());
        assertEquals(config1, Files.readString(box1.config), "a team reroute leaves the config file alone");
        assertTrue(box1.events().contains("\"kind\":\"team_reroute\",\"session\":\"main\",\"to\":\"corp-proxy\"")
                && box1.events().contains("team drill, by ") && box1.events().contains("from box box-1 until ")
                && box1.events().contains(": anthropic 529s (cli)"),
                "the box that made the change journals it like a local one: " + box1.events());

        TeamBox.await("box-1 and box-2 serve main from corp-proxy",
                BOUND, () -> box1.servingFirst().equals("corp-proxy") && box2.servingFirst().equals("corp-proxy"));
        corp.clear();
        anthropic.clear();
        assertEquals(200, box1.request());
        assertEquals(200, box2.request());
        assertEquals(2, corp.count(), "both boxes' requests went to corp-proxy");
        TeamBox.await("box-3 reports the override it cannot follow", BOUND,
                () -> box3.teamState() != null && "ignored".equals(box3.teamState().decision().state()));
        assertEquals("this box has no upstream named \"corp-proxy\"", box3.teamState().decision().why());
        assertEquals(200, box3.request());
        assertEquals(1, anthropic.count(), "box-3 stays on its own route");
        assertTrue(box3.events().contains("\"kind\":\"team_override_ignored\""), box3.events());
        assertTrue(box1.events().contains("\"kind\":\"team_override\""), box1.events());
        assertTrue(box2.events().contains("from box box-1") && box2.events().contains("anthropic 529s"), box2.events());

        JsonNode overrides = box3.teamJson().get("team").get("overrides");
        assertEquals("main", overrides.get(0).get("session").asText());
        assertTrue(overrides.get(0).get("here").asText().startsWith("ignored"), overrides.toString());
        String box2Status = box2.detour("status", "--no-health").stdout();
        assertTrue(box2Status.contains("OVERRIDE") && box2Status.contains("applied by the bridge"), box2Status);

        DetourProcess.Result clear = box2.detour("reroute", "main", "--team", "--clear");
        assertEquals(0, clear.exitCode(), clear.stderr());
        assertEquals("main: team override cleared; every box of team drill goes back to its own route\n", clear.stdout());
        assertTrue(box2.events().contains("\"kind\":\"team_clear\",\"session\":\"main\",\"from\":\"corp-proxy\""),
                "the clear records the override it ended: " + box2.events());
        TeamBox.await("box-1 and box-2 are back on anthropic", BOUND,
                () -> box1.servingFirst().equals("anthropic") && box2.servingFirst().equals("anthropic"));
        anthropic.clear();
        assertEquals(200, box1.request());
        assertEquals(1, anthropic.count());
        assertTrue(box1.events().contains("\"kind\":\"team_override_end\""), box1.events());
    }

    @Test
    @Order(3)
    void anOverrideEndsByItselfAtItsExpiry() throws Exception {
        DetourProcess.Result r = box1.detour("reroute", "main", "--to", "corp-proxy", "--team", "--for", "4s");
        assertEquals(0, r.exitCode(), r.stderr());
        TeamBox.await("box-2 follows the short override", BOUND, () -> box2.servingFirst().equals("corp-proxy"));
        TeamBox.await("box-2 is back on anthropic after the expiry", BOUND, () -> box2.servingFirst().equals("anthropic"));
        assertTrue(box2.events().contains("team override expired"), box2.events());
    }

    @Test
    @Order(4)
    void unsignedForgedAndReplayedOverridesAreIgnoredAndReported() throws Exception {
        String key = "detour:team:" + TeamBox.TEAM + ":override:main";
        long now = System.currentTimeMillis();
        String body = Codec.write(new TeamOverride("main", false, "corp-proxy", null, now + 600_000, "trust me", "mallory"));
        Envelope unsigned = new Envelope("override", TeamBox.TEAM, "main", "box-9", now, Signer.nonce(), body, null);
        try (Jedis j = redis.client()) {
            j.set(key, Codec.write(unsigned));
        }
        TeamBox.await("box-1 reports the unsigned message", BOUND, () -> box1.teamState().problems().stream()
                .anyMatch(p -> p.startsWith("unsigned override message for main claiming box box-9")));
        Envelope forged = new Signer("not-the-team-secret-at-all").sign(
                new Envelope("override", TeamBox.TEAM, "main", "box-9", now + 1, Signer.nonce(), body, null));
        try (Jedis j = redis.client()) {
            j.set(key, Codec.write(forged));
        }
        TeamBox.await("box-2 reports the forged message", BOUND, () -> box2.teamState().problems().stream()
                .anyMatch(p -> p.startsWith("forged override message for main")));
        assertEquals("anthropic", box1.servingFirst());
        assertEquals("anthropic", box2.servingFirst());

        assertEquals(0, box1.detour("reroute", "main", "--to", "corp-proxy", "--team").exitCode());
        TeamBox.await("box-1 and box-2 follow the real override", BOUND,
                () -> box1.servingFirst().equals("corp-proxy") && box2.servingFirst().equals("corp-proxy"));
        String recorded;
        try (Jedis j = redis.client()) {
            recorded = j.get(key);
        }
        assertEquals(0, box1.detour("reroute", "main", "--team", "--clear").exitCode());
        TeamBox.await("box-1 and box-2 are back on anthropic", BOUND,
                () -> box1.servingFirst().equals("anthropic") && box2.servingFirst().equals("anthropic"));
        try (Jedis j = redis.client()) {
            j.set(key, recorded);
        }
        TeamBox.await("box-2 reports the replayed message", BOUND, () -> box2.teamState().problems().stream()
                .anyMatch(p -> p.startsWith("replayed override message for main claiming box box-1")));
        Thread.sleep(1500);
        assertEquals("anthropic", box1.servingFirst(), "the replayed override is not applied");
        assertEquals("anthropic", box2.servingFirst());
        assertTrue(box2.events().contains("\"kind\":\"team_message_ignored\""), box2.events());
        String status = box2.detour("status", "--no-health").stdout();
        assertTrue(status.contains("TEAM WARNINGS") && status.contains("replayed override message"), status);
    }

    @Test
    @Order(5)
    void eachBoxsLatestProbeVerdictIsSharedAndShownInStatus() throws Exception {
        // What a prober on box-1 (its dashboard or up --watch) journals; box-1's bridge publishes it.
        new dev.detour.journal.EventJournal(box1.stateDir().resolve("events.jsonl")).append(
                dev.detour.journal.Event.now("health", null, "healthy", "down", "anthropic: TLS handshake failed"));
        TeamBox.await("box-3 sees box-1's probe verdict on anthropic", Duration.ofSeconds(30), () -> {
            JsonNode up = upstream(box3.teamJson(), "anthropic");
            return up != null && up.has("probes") && up.get("probes").path("down").asInt() == 1;
        });
        assertTrue(upstream(box3.teamJson(), "anthropic").get("probed_at").asLong() > 0);
        String text = box3.detour("status", "--no-health").stdout();
        assertTrue(text.contains("; probes: down on 1 box"), text);
    }

    @Test
    @Order(6)
    void aTeamFamilyChangeIsJournaledWhereItIsMadeAndABoxWithoutThatFamilySaysSo() throws Exception {
        DetourProcess.Result r = box1.detour("family", "main", "--to", "openai", "--team", "--for", "5m");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("main: team override family openai on every box of team drill"), r.stdout());
        assertTrue(box1.events().matches("(?s).*\"kind\":\"team_family\",\"session\":\"main\",(\"from\":\"[^\"]*\",)?"
                + "\"to\":\"family openai\",\"reason\":\"team drill, by [^\"]+ from box box-1 until [^\"]+ \\(cli\\)\".*"),
                box1.events());
        TeamBox.await("box-2 reports the family it does not have", BOUND, () -> box2.teamState() != null
                && "ignored".equals(box2.teamState().decision().state())
                && "this box has no upstream of family openai".equals(box2.teamState().decision().why()));
        assertEquals("anthropic", box2.servingFirst(), "box-2 stays on its own route");
        assertEquals(0, box1.detour("family", "main", "--team", "--clear").exitCode());
    }

    private static JsonNode upstream(JsonNode status, String name) {
        JsonNode view = status.get("team").get("view");
        if (view == null) {
            return null;
        }
        for (JsonNode u : view.get("upstreams")) {
            if (u.get("name").asText().equals(name)) {
                return u;
            }
        }
        return null;
    }
}
