package dev.detour.tui.shell;

import dev.detour.tui.Fixtures;
import dev.detour.tui.Screens;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Series;
import dev.detour.tui.model.Snapshot;
import com.googlecode.lanterna.TerminalSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 15-minute history: counted once, kept across restarts in a bounded 0600 file, drawn as sparklines. */
class HistoryRecorderTest {
    @TempDir
    Path dir;

    static int total(Series s) {
        return s.requests().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void countsEachRequestOnceAcrossPollsAndRestartsAndKeepsOnlyTheWindow() throws Exception {
        Path file = dir.resolve("state/detour/history.json");
        Snapshot snap = Fixtures.snapshot();
        HistoryRecorder recorder = new HistoryRecorder(file).load();
        recorder.record(snap, Fixtures.NOW);
        recorder.record(snap, Fixtures.NOW);
        Map<String, Series> series = recorder.series(Fixtures.NOW);
        assertEquals(12, total(series.get("s:main")), "12 requests of main, counted once");
        assertEquals(6, total(series.get("s:api")));
        assertEquals(4 + 6, total(series.get("u:anthropic")), "main's 4 failed attempts and api's 6 requests");
        assertEquals(8, total(series.get("u:corp-proxy")));
        assertTrue(series.get("s:main").errorShare().stream().anyMatch(e -> e != null && e > 0));
        assertEquals(Series.BUCKETS, series.get("s:main").requests().size());

        recorder.save(snap.config());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        HistoryRecorder restarted = new HistoryRecorder(file).load();
        restarted.record(snap, Fixtures.NOW.plusSeconds(5));
        assertEquals(12, total(restarted.series(Fixtures.NOW.plusSeconds(5)).get("s:main")), "a restart does not count again");
        assertTrue(restarted.series(Fixtures.NOW.plusSeconds(16 * 60)).isEmpty(), "older than 15 minutes: gone");
    }

    @Test
    void sparklinesShowInTheTablesWhereWidthAllowsAndLargerInTheDetails() {
        HistoryRecorder recorder = new HistoryRecorder(dir.resolve("history.json"));
        recorder.record(Fixtures.snapshot(), Fixtures.NOW);
        Snapshot snap = Fixtures.snapshot().withHistory(recorder.series(Fixtures.NOW));
        try (Screens s = new Screens(200, 50)) {
            String screen = s.draw(DashboardState.initial(snap, Mode.DEFAULT, new TerminalSize(200, 50), Fixtures.NOW));
            assertTrue(screen.contains("REQ 15M") && s.line(s.rowOf(" main ")).matches(".*[▁▂▃▄▅▆▇█]+.*"), screen);
            assertTrue(screen.contains("ERR 15M") && screen.contains("LAT 15M"), "error share and latency too, where width allows: " + screen);
            String details = s.draw(DashboardState.initial(snap, Mode.DEFAULT, new TerminalSize(200, 50), Fixtures.NOW)
                    .withOverlay(new dev.detour.tui.model.Overlay.Details(dev.detour.tui.model.Focus.SESSIONS, "main", 0)));
            assertTrue(details.contains("Last 15 minutes") && details.contains("requests") && details.contains("12 in all"), details);
        }
        try (Screens s = new Screens(80, 24)) {
            String narrow = s.draw(DashboardState.initial(snap, Mode.DEFAULT, new TerminalSize(80, 24), Fixtures.NOW));
            assertFalse(narrow.contains("15M"), "dropped first when the terminal is narrow");
        }
    }
}
