package dev.detour.team;

import dev.detour.testing.Cleanup;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.RedisServer;
import dev.detour.testing.SimProcess;
import dev.detour.testing.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard of one box in a real terminal (tmux) with a real redis-server and two boxes' real bridges: its team
 * pane shows the second box, and the picker's "whole team" choice moves the other box's bridge, and U undoes it.
 */
class TeamDashboardInTmuxTest {
    private String socket;

    @Test
    void theTeamPaneShowsTheSecondBoxAndTheWholeTeamChoiceMovesItUntilUndone(@TempDir Path dir) throws Exception {
        Tmux.assumePresent("the dashboard's team pane in a real terminal");
        RedisServer.assumeInstalled();
        socket = "detour-team-" + UUID.randomUUID().toString().substring(0, 8);
        RedisServer redis = null;
        SimProcess anthropic = null;
        SimProcess corp = null;
        TeamBox box1 = null;
        TeamBox box2 = null;
        try {
            redis = RedisServer.start(dir.resolve("redis"));
            anthropic = SimProcess.start(dir, "anthropic", "anthropic-sim");
            corp = SimProcess.start(dir, "anthropic", "corp-sim");
            var both = TeamBox.upstreams("anthropic", anthropic.baseUrl(), "corp-proxy", corp.baseUrl());
            box1 = new TeamBox(dir, "box-1", redis.url(), both, "off").startBridge();
            box2 = new TeamBox(dir, "box-2", redis.url(), both, "off").startBridge();

            List<String> env = new ArrayList<>(List.of("env", "PS1=$ ", "TERM=xterm-256color"));
            for (Map.Entry<String, String> e : box1.env().entrySet()) {
                env.add(e.getKey() + "=" + e.getValue());
            }
            env.addAll(List.of("bash", "--norc", "--noprofile"));
            List<String> session = new ArrayList<>(List.of("new-session", "-d", "-s", "t", "-x", "120", "-y", "40"));
            session.addAll(env);
            tmux(session.toArray(String[]::new));
            waitFor(s -> s.contains("$"), 10, "a shell prompt");
            List<String> cmd = DetourProcess.command("--config", box1.config.toString());
            tmux("send-keys", "-t", "t", "-l", String.join(" ", cmd.stream().map(Tmux::shellQuote).toList()));
            tmux("send-keys", "-t", "t", "Enter");
            waitFor(s -> s.contains("Sessions 1") && s.contains("q quit"), 60, "the dashboard");

            tmux("send-keys", "-t", "t", "T");
            String pane = waitFor(s -> s.contains("2 boxes seen") && s.contains("box-1 *") && s.contains("box-2"), 60,
                    "the team pane with both boxes");
            assertTrue(pane.contains("drill, box box-1") && pane.contains("Active overrides"), pane);

            tmux("send-keys", "-t", "t", "q");
            waitFor(s -> s.contains("Sessions 1") && !s.contains("Active overrides"), 10, "the main screen");
            tmux("send-keys", "-t", "t", "r");
            waitFor(s -> s.contains("Reroute main to"), 10, "the reroute picker");
            tmux("send-keys", "-t", "t", "Enter");
            waitFor(s -> s.contains("this box: write the route") && s.contains("the whole team drill"), 10,
                    "the choice of this box or the whole team");
            tmux("send-keys", "-t", "t", "j", "Enter");
            waitFor(s -> s.contains("Reroute the whole team") && s.contains("[ Cancel ]"), 10, "the question");
            tmux("send-keys", "-t", "t", "y");
            TeamBox b2 = box2;
            TeamBox.await("box-2's bridge follows the override published from box-1's dashboard", Duration.ofSeconds(30),
                    () -> b2.servingFirst().equals("corp-proxy"));
            TeamBox b1 = box1;
            TeamBox.await("box-1 journals the dashboard's team reroute", Duration.ofSeconds(10),
                    () -> b1.events().contains("\"kind\":\"team_reroute\"") && b1.events().contains("(dashboard)"));
            tmux("send-keys", "-t", "t", "T");
            waitFor(s -> s.contains("main → corp-proxy") && s.contains("from box box-1"), 30,
                    "the active override in the team pane");
            tmux("send-keys", "-t", "t", "q");
            waitFor(s -> !s.contains("Active overrides"), 10, "the main screen");
            tmux("send-keys", "-t", "t", "U");
            waitFor(s -> s.contains("Undo the team change") && s.contains("[ Cancel ]"), 10, "the undo question");
            tmux("send-keys", "-t", "t", "y");
            TeamBox.await("the undo puts box-2's bridge back on its own route", Duration.ofSeconds(30),
                    () -> b2.servingFirst().equals("anthropic"));
            assertTrue(box1.events().contains("\"kind\":\"team_clear\",\"session\":\"main\",\"from\":\"corp-proxy\""),
                    box1.events());
            tmux("send-keys", "-t", "t", "q");
            waitFor(s -> !s.contains("Sessions 1"), 30, "the dashboard to quit");
        } finally {
            tmux("kill-server");
            Cleanup.closeAll(box1, box2, anthropic, corp, redis);
        }
    }

    private String waitFor(Predicate<String> ok, int seconds, String what) throws Exception {
        return Tmux.waitForPane(socket, ok, seconds, what);
    }

    private String tmux(String... args) throws Exception {
        return Tmux.run(socket, args);
    }
}
