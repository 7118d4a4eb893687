package dev.detour.tui.shell;

import dev.detour.tui.Fixtures;

import dev.detour.tui.model.BridgeView;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.SessionMetrics;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.UpstreamView;
import dev.detour.tui.shell.ConfigEditor;
import dev.detour.tui.shell.DashboardApp;
import dev.detour.tui.shell.HealthPolls;
import dev.detour.tui.shell.Pollers;
import dev.detour.tui.shell.Sources;
import dev.detour.tui.view.Column;
import dev.detour.tui.view.ColumnFit;

import dev.detour.health.HealthSnapshot;
import dev.detour.health.HealthState;
import dev.detour.health.PassiveSignals;
import dev.detour.wire.BridgeStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PureShellPartsTest {
    @Test
    void columnsDropByPriorityInsteadOfSqueezingAndFlexTakesTheRest() {
        List<Column> cols = List.of(Column.left("NAME", 0, 4, 10), Column.flex("ROUTE", 1, 8, 40, 0.5),
                Column.left("LOW", 9, 3, 10), Column.right("MID", 5, 3, 5));
        assertArrayEquals(new int[]{6, 40, 8, 5}, ColumnFit.widths(cols, new int[]{6, 20, 8, 5}, 120), "all fit; the flexible column grows to its max");
        int[] narrow = ColumnFit.widths(cols, new int[]{6, 20, 8, 5}, 32);
        assertEquals(0, narrow[2], "the least important column goes first");
        assertEquals(6, narrow[0]);
        assertEquals(5, narrow[3]);
        assertEquals(32, narrow[0] + narrow[1] + narrow[3] + 2, "the flexible column takes what is left");
        int[] tiny = ColumnFit.widths(cols, new int[]{6, 20, 8, 5}, 12);
        assertEquals(6, tiny[0]);
        assertEquals(0, tiny[2]);
    }

    @Test
    void configPollerKeepsTheLastGoodConfigAndSaysWhyTheNewOneIsBad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, Fixtures.CONFIG);
        Snapshot start = Snapshot.of(file, Fixtures.loaded(Fixtures.CONFIG).config());
        Pollers.Poll poll = Sources.config(file);
        Snapshot first = poll.poll(start).apply(start);
        assertNull(first.configError());
        assertNull(poll.poll(first), "an unchanged file is not read again");
        Files.writeString(file, Fixtures.CONFIG.replace("route = [\"corp-proxy\", \"anthropic\"]", "route = [\"nowhere\"]"));
        Snapshot bad = poll.poll(first).apply(first);
        assertSame(first.config(), bad.config());
        assertTrue(bad.configError().contains("nowhere"), bad.configError());
    }

    @Test
    void editorCommandAndTheCheckOnReturn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("detour.toml");
        assertEquals(List.of("code", "-w", file.toString()), ConfigEditor.command(Map.of("EDITOR", "code -w"), file));
        assertEquals(List.of("nano", file.toString()), ConfigEditor.command(Map.of("VISUAL", "nano", "EDITOR", "vim"), file));
        assertEquals(List.of("vi", file.toString()), ConfigEditor.command(Map.of(), file));
        Files.writeString(file, Fixtures.CONFIG);
        assertEquals("config unchanged", ConfigEditor.checked(file, Fixtures.CONFIG, 0).message());
        String before = Fixtures.CONFIG;
        Files.writeString(file, Fixtures.CONFIG.replace("port = 8783", "port = 8784"));
        assertTrue(ConfigEditor.checked(file, before, 0).message().startsWith("config saved and valid: 3 sessions, 3 upstreams"));
        String broken = Fixtures.CONFIG.replace("family = \"openai\"", "family = \"banana\"");
        Files.writeString(file, broken);
        Outcome bad = ConfigEditor.checked(file, before, 0);
        assertTrue(bad.error() && bad.message().contains("family") && bad.message().contains("your edit is kept"), bad.message());
        assertEquals(broken, Files.readString(file), "nothing is lost");
    }

    @Test
    void healthFromTheBridgesTrafficThroughTheHealthJudge() {
        Snapshot snap = Fixtures.snapshot();
        List<BridgeStats> stats = snap.bridges().values().stream().map(BridgeView::stats).filter(s -> s != null).toList();
        HealthSnapshot health = HealthSnapshot.of(snap.config(), Map.of(), PassiveSignals.from(stats), Map.of(), List.of(),
                Fixtures.NOW);
        Map<String, UpstreamView> views = HealthPolls.views(health);
        assertEquals(List.of("anthropic", "corp-proxy", "openai"), List.copyOf(views.keySet()));
        assertTrue(views.get("anthropic").state() != HealthState.HEALTHY, views.get("anthropic").toString());
        assertTrue(views.get("anthropic").diagnosis() != null, views.get("anthropic").toString());
        assertEquals(HealthState.HEALTHY, views.get("corp-proxy").state());
        assertNull(views.get("corp-proxy").diagnosis(), "nothing to diagnose on a healthy upstream");
    }

    @Test
    void noColorFromTheFlagOrTheEnvironment() {
        assertTrue(DashboardApp.mode(false, false, false, Map.of()).color());
        assertTrue(!DashboardApp.mode(false, true, false, Map.of()).color());
        assertTrue(!DashboardApp.mode(false, false, false, Map.of("NO_COLOR", "1")).color());
        assertTrue(DashboardApp.mode(false, false, false, Map.of("NO_COLOR", "")).color(), "an empty NO_COLOR does not count");
        assertTrue(DashboardApp.mode(true, false, true, Map.of()).readOnly() && DashboardApp.mode(true, false, true, Map.of()).demo());
    }

    @Test
    void sessionMetricsOverTheLastMinute() {
        BridgeStats stats = Fixtures.running("main", 1, List.of("anthropic", "corp-proxy"), "corp-proxy", 12, 4).stats();
        SessionMetrics m = SessionMetrics.of(stats, Fixtures.NOW);
        assertEquals(12, m.perMinute());
        assertEquals(4 / 12.0, m.errorShare(), 1e-9);
        assertEquals(200, m.last().status());
        assertEquals(0, SessionMetrics.of(stats, Fixtures.NOW.plusSeconds(120)).perMinute());
        assertSame(SessionMetrics.NONE, SessionMetrics.of(null, Fixtures.NOW));
    }
}
