package dev.detour.control;

import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.route.RouteException;
import dev.detour.route.RouteRequest;
import dev.detour.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one route-change operation: config written, events journaled in a 0700 state dir, result says what changed. */
class RouteControlTest {
    @TempDir
    Path dir;

    @Test
    void aRerouteWritesJournalsAndReportsChangedUnchangedAndNotRunning() throws Exception {
        Path file = TestConfig.demoLike().write(dir);
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        RouteResult result = new RouteControl(file, paths, "team")
                .apply(new RouteRequest.Reroute(List.of("main", "docs", "main"), "corp-proxy"));

        assertEquals(List.of("main", "docs"), result.asked());
        assertEquals(List.of("main"), result.changes().stream().map(c -> c.session()).toList());
        assertEquals(List.of("docs"), result.unchanged());
        assertEquals(List.of("main"), result.notRunning(), "no token file: no bridge to reload");
        assertNull(result.journalProblem());
        assertEquals(Map.of("main", List.of("anthropic", "corp-proxy", "openai")), result.routesBefore());
        assertEquals(List.of("corp-proxy", "anthropic", "openai"),
                ConfigLoader.load(file).config().session("main").orElseThrow().route());

        List<Event> events = new EventJournal(paths.eventsFile()).newest(10);
        assertEquals(1, events.size());
        assertEquals(List.of("reroute", "main", "anthropic", "corp-proxy", "team"), List.of(events.get(0).kind(),
                events.get(0).session(), events.get(0).from(), events.get(0).to(), events.get(0).reason()));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.stateDir())));
    }

    @Test
    void aFamilyChangeIsJournaledAsFamiliesAndUndoPutsTheRouteBack() throws Exception {
        Path file = TestConfig.demoLike().write(dir);
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        RouteControl control = new RouteControl(file, paths, "dashboard");
        RouteResult flipped = control.apply(new RouteRequest.SetFamily(List.of("main"), null));
        assertEquals("main: family anthropic → openai, now on openai", flipped.changes().get(0).summary("→"));
        Event family = new EventJournal(paths.eventsFile()).newest(1).get(0);
        assertEquals(List.of("family", "anthropic", "openai", "dashboard, now on openai"),
                List.of(family.kind(), family.from(), family.to(), family.reason()));

        RouteResult undone = control.apply(new RouteRequest.Restore(flipped.routesBefore()));
        assertEquals("main: route openai → anthropic", undone.changes().get(0).summary("→"));
        assertEquals(List.of("anthropic", "corp-proxy", "openai"),
                ConfigLoader.load(file).config().session("main").orElseThrow().route());
    }

    @Test
    void aRefusedChangeWritesAndJournalsNothing() throws Exception {
        Path file = TestConfig.demoLike().write(dir);
        String before = Files.readString(file);
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        RouteException e = assertThrows(RouteException.class, () -> new RouteControl(file, paths, "cli")
                .apply(new RouteRequest.Reroute(List.of("main"), "nowhere")));
        assertEquals("unknown upstream \"nowhere\" (configured: anthropic, corp-proxy, openai)", e.getMessage());
        assertEquals(before, Files.readString(file));
        assertFalse(Files.exists(paths.eventsFile()));
    }
}
