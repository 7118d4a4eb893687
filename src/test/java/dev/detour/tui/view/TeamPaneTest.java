package dev.detour.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.config.LoadedConfig;
import dev.detour.team.TeamReport;
import dev.detour.team.TeamRequest;
import dev.detour.team.TeamView;
import dev.detour.tui.Fixtures;
import dev.detour.tui.Screens;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Effect;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.key;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The team pane and the picker's "this box" / "the whole team" step: update and render, at 80×24 and 200×50. */
class TeamPaneTest {
    private static final Mode MODE = new Mode(false, false, true);
    private static final String TEAM = "\n[team]\nredis_url = \"redis://redis.internal:6379/0\"\n"
            + "secret = \"env:DETOUR_TEAM_SECRET\"\nbox = \"alice-devbox\"\nname = \"platform\"\n";
    private static final long NOW = Fixtures.NOW.toEpochMilli();

    private static Snapshot teamSnapshot(TeamReport report) {
        LoadedConfig loaded = Fixtures.loaded(Fixtures.CONFIG + TEAM);
        Snapshot base = Fixtures.snapshot().withConfig(loaded.config(), null);
        return report == null ? base : base.withTeam(report, new Snapshot.Freshness(Fixtures.NOW.minusSeconds(1), Duration.ofSeconds(2)));
    }

    private static TeamReport reachable() {
        TeamView view = new TeamView(NOW, 2, List.of(new TeamView.Upstream("anthropic", "https://api.anthropic.com", 2, 1,
                "overloaded", 120, 40, Map.of("ok", 80, "overloaded", 40), NOW - 3000, 3, Map.of("down", 1), NOW - 9000)),
                List.of(new TeamView.SessionSeen("alice-devbox", "main", "corp-proxy", "corp-proxy", NOW - 2000),
                        new TeamView.SessionSeen("bob-devbox", "main", "anthropic", null, NOW - 4000)));
        return new TeamReport("platform", "alice-devbox", "redis://redis.internal:6379/0", true, null, null, view,
                List.of(new TeamReport.OverrideSeen("main", "corp-proxy", false, NOW + 90 * 60_000, "carol", "carol-box",
                        "anthropic 529s", "applied by the bridge", null)),
                List.of("forged override message for api claiming box mallory ignored"));
    }

    private static DashboardState state(Snapshot snapshot, int w, int h) {
        return DashboardState.initial(snapshot, MODE, new TerminalSize(w, h), Fixtures.NOW);
    }

    @Test
    void tOpensTheTeamPaneWithBoxesSessionsOverridesAndItsAgeAt80x24And200x50() {
        for (int[] size : new int[][]{{80, 24}, {200, 50}}) {
            DashboardState s = press(state(teamSnapshot(reachable()), size[0], size[1]), ch('T')).state();
            assertInstanceOf(Overlay.Team.class, s.overlay());
            try (Screens screens = new Screens(size[0], size[1])) {
                String screen = screens.draw(s);
                assertTrue(screen.contains("Team") && screen.contains("platform, box alice-devbox"), screen);
                assertTrue(screen.contains("read 1s ago"), "the team view's age: " + screen);
                assertTrue(screen.contains("2 boxes seen"), screen);
                assertTrue(screen.contains("anthropic: overloaded on 1 of 2 boxes, 33% of 120 requests"), screen);
                assertTrue(screen.contains("alice-devbox *") && screen.contains("bob-devbox"), screen);
                assertTrue(screen.contains("main → corp-proxy") && screen.contains("by carol from box carol-box"), screen);
                if (size[0] == 200) {
                    assertTrue(screen.contains("probes: down on 1 box"), screen);
                    assertTrue(screen.contains("1h 30m left") && screen.contains("why: anthropic 529s"), screen);
                    assertTrue(screen.contains("forged override message for api"), screen);
                }
            }
            assertNull(press(s, ch('q')).state().overlay(), "q goes back");
        }
    }

    @Test
    void anUnreachableRedisShowsTheLastViewMarkedStaleWithItsAge() {
        TeamReport live = reachable();
        TeamView old = new TeamView(NOW - 95_000, 2, live.view().upstreams(), live.view().sessions());
        TeamReport down = new TeamReport("platform", "alice-devbox", "redis://redis.internal:6379/0", false,
                "Redis at redis://redis.internal:6379/0: Connection refused", 95L, old, List.of(), List.of());
        try (Screens screens = new Screens(80, 24)) {
            String screen = screens.draw(press(state(teamSnapshot(down), 80, 24), ch('T')).state());
            assertTrue(screen.contains("unreachable: Redis at redis://redis.internal:6379/0: Connection refused"), screen);
            assertTrue(screen.contains("team view is stale: 1m 35s old"), screen);
        }
    }

    @Test
    void withoutATeamTableTSaysTeamModeIsOffAndThePickerRoutesOnThisBox() {
        DashboardState s = state(Fixtures.snapshot(), 80, 24);
        Step t = press(s, ch('T'));
        assertNull(t.state().overlay());
        assertTrue(t.state().flash().text().startsWith("team mode is off"), t.state().flash().text());
        Step picked = press(s, ch('r'), key(KeyType.Enter));
        assertTrue(!(picked.state().overlay() instanceof Overlay.Scope), "no scope step without a team");
    }

    @Test
    void thePickerOffersThisBoxOrTheWholeTeamAndTheWholeTeamPublishesATeamOverride() {
        DashboardState s = state(teamSnapshot(reachable()), 80, 24);
        Step picked = press(s, ch('r'), key(KeyType.Enter));
        Overlay.Scope scope = assertInstanceOf(Overlay.Scope.class, picked.state().overlay());
        assertEquals(false, scope.wholeTeam(), "this box is the first choice");
        try (Screens screens = new Screens(80, 24)) {
            String screen = screens.draw(picked.state());
            assertTrue(screen.contains("this box: write the route in your config"), screen);
            assertTrue(screen.contains("the whole team platform: an override on every box, for 2h 0m"), screen);
        }
        Step local = press(picked.state(), key(KeyType.Enter));
        assertTrue(local.effects().stream().anyMatch(e -> e instanceof Effect.ChangeRoutes)
                || local.state().overlay() instanceof Overlay.Confirm c && c.onYes() instanceof Effect.ChangeRoutes,
                "this box changes the config's routes: " + local);

        Step asked = press(picked.state(), ch('j'), key(KeyType.Enter));
        Overlay.Confirm confirm = assertInstanceOf(Overlay.Confirm.class, asked.state().overlay());
        assertTrue(confirm.question().contains("on every box of team platform for 2h 0m"), confirm.question());
        try (Screens screens = new Screens(200, 50)) {
            String screen = screens.draw(asked.state());
            assertTrue(screen.contains("Reroute the whole team") && screen.contains("[ Reroute team ]"), screen);
        }
        Step done = press(asked.state(), ch('y'));
        Effect.ChangeTeamRoutes change = assertInstanceOf(Effect.ChangeTeamRoutes.class, done.effects().get(0));
        assertEquals(1, change.requests().size());
        TeamRequest request = change.requests().get(0);
        assertEquals(scope.sessions(), request.sessions());
        assertEquals(scope.upstream(), request.upstream());
        assertEquals("team_reroute", request.kind());
        assertTrue(press(picked.state(), key(KeyType.Escape)).state().overlay() == null, "esc cancels");
    }

    @Test
    void aWholeTeamChangeIsUndoneByPuttingTheTeamsOverridesBack() {
        DashboardState s = state(teamSnapshot(reachable()), 80, 24);
        TeamRequest putBack = TeamRequest.clear(List.of("main"), "undo");
        DashboardState done = dev.detour.tui.model.Update.apply(s, new dev.detour.tui.model.Msg.Done(
                dev.detour.tui.model.Outcome.teamChanged("main: team override corp-proxy on every box", List.of(putBack)),
                Fixtures.NOW)).state();
        assertEquals(1, done.undo().size());
        Step asked = press(done, ch('U'));
        Overlay.Confirm confirm = assertInstanceOf(Overlay.Confirm.class, asked.state().overlay());
        assertEquals("Undo the team change", confirm.title());
        Step undone = press(asked.state(), ch('y'));
        Effect.ChangeTeamRoutes change = assertInstanceOf(Effect.ChangeTeamRoutes.class, undone.effects().get(0));
        assertEquals(List.of(putBack), change.requests());
        assertEquals("main: team override corp-proxy on every box", change.undoing());
        assertTrue(undone.state().undo().isEmpty(), "the undone change leaves the undo stack");
    }
}
