package dev.detour.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.testing.Cleanup;
import dev.detour.testing.RedisServer;
import dev.detour.testing.SimProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two boxes with real bridges serving agent traffic while Redis is slow, then killed, then restarted empty: no agent
 * request fails, the bridges keep the route they had (the team override included), the team view is shown stale
 * with its age, and everything comes back once Redis does.
 */
class TeamRedisFaultsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    static RedisServer redis;
    static SimProcess anthropic;
    static SimProcess corp;
    static TeamBox box1;
    static TeamBox box2;

    @BeforeAll
    static void startTeam() throws Exception {
        RedisServer.assumeInstalled();
        try {
            redis = RedisServer.start(dir.resolve("redis"));
            anthropic = SimProcess.start(dir, "anthropic", "anthropic-sim");
            corp = SimProcess.start(dir, "anthropic", "corp-sim");
            var both = TeamBox.upstreams("anthropic", anthropic.baseUrl(), "corp-proxy", corp.baseUrl());
            box1 = new TeamBox(dir, "box-1", redis.url(), both, "same-family").startBridge();
            box2 = new TeamBox(dir, "box-2", redis.url(), both, "same-family").startBridge();
        } catch (Exception | AssertionError e) {
            stopTeam();
            throw e;
        }
    }

    @AfterAll
    static void stopTeam() {
        Cleanup.closeAll(box1, box2, anthropic, corp, redis);
    }

    @Test
    void bridgesServeEveryRequestThroughASlowAKilledAndARestartedRedis() throws Exception {
        assertEquals(0, box1.detour("reroute", "main", "--to", "corp-proxy", "--team", "--reason", "drill").exitCode());
        TeamBox.await("both boxes follow the override", BOUND,
                () -> box1.servingFirst().equals("corp-proxy") && box2.servingFirst().equals("corp-proxy"));
        TeamBox.await("the team view shows both boxes", BOUND,
                () -> box1.teamJson().get("team").get("view").get("boxes").asInt() == 2);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> agents = new ArrayList<>();
        for (TeamBox box : new TeamBox[] {box1, box2}) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    try {
                        int status = box.request();
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(box.name + ": " + status);
                        }
                    } catch (Exception e) {
                        failures.add(box.name + ": " + e);
                    }
                }
            }, "agent-" + box.name);
            t.start();
            agents.add(t);
        }
        try {
            anthropic.clear();
            Thread sleeper = new Thread(() -> {
                try (Jedis j = new Jedis("127.0.0.1", redis.port(), 10_000)) {
                    j.sendCommand(() -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "SLEEP", "3");
                } catch (RuntimeException e) {
                    failures.add("DEBUG SLEEP: " + e);
                }
            });
            sleeper.start();
            sleeper.join(15_000);
            int beforeKill = ok.get();

            redis.kill();
            TeamBox.await("both bridges notice that Redis is gone", BOUND,
                    () -> !box1.teamState().redisOk() && !box2.teamState().redisOk());
            Thread.sleep(2000);
            JsonNode team = box1.teamJson().get("team");
            assertFalse(team.get("reachable").asBoolean());
            assertTrue(team.get("stale_s").asLong() >= 2, team.toString());
            assertEquals(2, team.get("view").get("boxes").asInt(), "the last team view is still shown");
            String text = box1.detour("status", "--no-health").stdout();
            assertTrue(text.matches("(?s).*team view is stale: [0-9hms ]+ old.*"), text);
            assertEquals("corp-proxy", box1.servingFirst(), "the last known route stays");
            assertEquals("corp-proxy", box2.servingFirst());
            assertTrue(box1.events().contains("\"to\":\"unreachable\""), box1.events());

            redis.restart();
            TeamBox.await("both bridges reconnect", BOUND, () -> box1.teamState().redisOk() && box2.teamState().redisOk());
            TeamBox.await("the team view recovers after the restart", BOUND,
                    () -> box2.teamJson().get("team").get("view").get("boxes").asInt() == 2);
            assertEquals("corp-proxy", box1.servingFirst(), "an empty Redis is not a clear: the override stays");
            assertTrue(box1.events().contains("\"to\":\"connected\""), box1.events());
            int afterRestart = ok.get();
            TeamBox.await("traffic keeps flowing after the restart", BOUND, () -> ok.get() > afterRestart + 10);
            assertTrue(afterRestart > beforeKill, "requests were served while Redis was down");
        } finally {
            running.set(false);
            for (Thread t : agents) {
                t.join(30_000);
            }
        }
        assertEquals(List.of(), failures, "no agent request failed");
        assertEquals(0, anthropic.count(), () -> "every request followed the override to corp-proxy; box-1 log:\n"
                + box1.log() + "\nbox-2 log:\n" + box2.log());

        assertEquals(0, box2.detour("reroute", "main", "--team", "--clear").exitCode());
        TeamBox.await("the clear reaches both boxes", BOUND,
                () -> box1.servingFirst().equals("anthropic") && box2.servingFirst().equals("anthropic"));
    }
}
