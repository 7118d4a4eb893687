package dev.detour.tui.shell;

import dev.detour.tui.Fixtures;
import dev.detour.tui.model.Msg;
import dev.detour.tui.model.Update;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Effect;
import dev.detour.tui.model.Mode;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Snapshot;
import dev.detour.tui.model.Step;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.detour.config.Config;
import dev.detour.config.ConfigLoader;
import dev.detour.config.ConfigWriter;
import dev.detour.config.DetourPaths;
import dev.detour.journal.Event;
import dev.detour.journal.EventJournal;
import dev.detour.route.RouteChanges;
import dev.detour.route.RouteRequest;
import dev.detour.testing.DetourProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static dev.detour.tui.Keys.ch;
import static dev.detour.tui.Keys.key;
import static dev.detour.tui.Keys.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's route changes write the config exactly as the CLI does. */
class RouteActionsTest {
    static final String CONFIG = """
            # Team config: keep these comments!
            [settings]
            probe_interval_s = 15   # seconds

            [upstreams.anthropic]
            family = "anthropic"
            base_url = "http://127.0.0.1:9001"
            auth = "passthrough"

            [upstreams.corp-proxy]   # the proxy
            family = "anthropic"
            base_url = "http://127.0.0.1:9002"
            auth = "env:CORP_PROXY_KEY"

            [upstreams.openai]
            family = "openai"
            base_url = "http://127.0.0.1:9003/v1"
            auth = "env:OPENAI_API_KEY"

            [sessions.main]
            port = 18781
            route = ["anthropic", "corp-proxy", "openai"]   # primary first

            [sessions.api]
            port = 18782
            route = [ "anthropic",
                      "corp-proxy" ]

            [sessions.docs]
            port = 18783
            route = ["corp-proxy"]
            """;

    Path write(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, CONFIG);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void pickerOnTwoMarkedSessionsWritesWhatRouteChangesAndTheWriterWriteAndWhatTheCliWrites(@TempDir Path dir)
            throws Exception {
        Path dashboardFile = write(dir, "dashboard.toml");
        Path libraryFile = write(dir, "library.toml");
        Path cliFile = write(dir, "cli.toml");
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));

        var loaded = ConfigLoader.load(dashboardFile);
        DashboardState state = DashboardState.initial(Snapshot.of(dashboardFile, loaded.config()), Mode.DEFAULT,
                new TerminalSize(80, 24), Fixtures.NOW);
        Step step = press(state, ch(' '), ch(' '), ch('r'), key(KeyType.Enter));
        Effect.ChangeRoutes reroute = assertInstanceOf(Effect.ChangeRoutes.class, step.effects().get(0));
        assertEquals(new RouteRequest.Reroute(List.of("main", "api"), "corp-proxy"), reroute.request());

        RouteActions actions = new RouteActions(dashboardFile, paths, new DashboardLog(dir.resolve("dashboard.log")));
        Outcome outcome = actions.apply(reroute.request());
        assertEquals("main: route anthropic → corp-proxy; api: route anthropic → corp-proxy", outcome.message().replaceAll(" \\(bridge.*", ""));

        ConfigWriter.update(libraryFile, c -> {
            Config next = RouteChanges.reroute(c, "main", "corp-proxy");
            return RouteChanges.reroute(next, "api", "corp-proxy");
        });
        var cli = DetourProcess.run(Map.of("XDG_STATE_HOME", dir.resolve("cli-state").toString()), dir, 60,
                "reroute", "main", "api", "--to", "corp-proxy", "--config", cliFile.toString());
        assertEquals(0, cli.exitCode(), cli.stderr());

        String written = Files.readString(dashboardFile);
        assertEquals(Files.readString(libraryFile), written);
        assertEquals(Files.readString(cliFile), written);
        assertEquals(withoutRoutes(CONFIG), withoutRoutes(written), "only the route values change");
        assertTrue(written.contains("route = [\"corp-proxy\", \"anthropic\", \"openai\"]   # primary first"), written);
        assertTrue(written.contains("# Team config: keep these comments!") && written.contains("# primary first"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dashboardFile)));

        List<Event> events = new EventJournal(paths.eventsFile()).newest(10);
        assertEquals(List.of("main", "api"), events.stream().map(Event::session).toList());
        assertTrue(events.stream().allMatch(e -> e.kind().equals("reroute") && e.to().equals("corp-proxy")
                && e.from().equals("anthropic") && "dashboard".equals(e.reason())));

        DashboardState afterOutcome = Update.apply(step.state(), new Msg.Done(outcome, Fixtures.NOW)).state();
        Effect.ChangeRoutes undo = assertInstanceOf(Effect.ChangeRoutes.class, press(afterOutcome, ch('U')).effects().get(0));
        assertTrue(actions.apply(undo.request()).routesBefore() != null);
        assertEquals(loaded.config(), ConfigLoader.load(dashboardFile).config(), "undo puts the routes back");
        assertEquals(withoutRoutes(CONFIG), withoutRoutes(Files.readString(dashboardFile)), "and keeps everything else");
    }

    /** The text without the route arrays (which may span lines). */
    static List<String> withoutRoutes(String text) {
        return text.replaceAll("(?s)route = \\[.*?\\]", "route = ...").lines().toList();
    }

    @Test
    void flipFamilyAndErrorsGoThroughTheSameWriter(@TempDir Path dir) throws Exception {
        Path file = write(dir, "detour.toml");
        DetourPaths paths = new DetourPaths(dir.resolve("state").resolve("detour"));
        RouteActions actions = new RouteActions(file, paths, new DashboardLog(dir.resolve("dashboard.log")));
        Outcome flipped = actions.apply(new RouteRequest.SetFamily(List.of("main"), null));
        assertTrue(flipped.message().startsWith("main: family anthropic → openai"), flipped.message());
        assertTrue(Files.readString(file).contains("route = [\"openai\", \"anthropic\", \"corp-proxy\"]   # primary first"));
        Outcome unknown = actions.apply(new RouteRequest.Reroute(List.of("main"), "nowhere"));
        assertTrue(unknown.error() && unknown.message().contains("unknown upstream \"nowhere\""), unknown.message());
        Files.writeString(file, Files.readString(file).replace("family = \"openai\"", "family = \"banana\""));
        String broken = Files.readString(file);
        Outcome invalid = actions.apply(new RouteRequest.Reroute(List.of("api"), "corp-proxy"));
        assertTrue(invalid.error() && invalid.message().contains("family"), invalid.message());
        assertEquals(broken, Files.readString(file), "a refused change writes nothing");
    }
}
