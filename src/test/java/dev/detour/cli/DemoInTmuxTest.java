package dev.detour.cli;

import dev.detour.config.ConfigLoader;
import dev.detour.config.Config;
import dev.detour.testing.DetourProcess;
import dev.detour.testing.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code detour demo} in a real terminal: a tmux pane on a private tmux server, driven with send-keys. */
class DemoInTmuxTest {
    private String socket;

    @Test
    void demoShowsTheIncidentReroutesMarkedSessionsAndGivesTheTerminalBack(@TempDir Path dir) throws Exception {
        Tmux.assumePresent("the real-terminal test of the dashboard");
        socket = "detour-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            tmux("new-session", "-d", "-s", "t", "-x", "120", "-y", "40", "env", "PS1=$ ", "TERM=xterm-256color",
                    "LANG=C.UTF-8", "bash", "--norc", "--noprofile");
            waitFor(s -> s.contains("$"), 10, "a shell prompt");
            List<String> cmd = new ArrayList<>(DetourProcess.command("demo", "--keep", "--fault-after", "0"));
            cmd.add(1, "-Djava.io.tmpdir=" + dir);
            tmux("send-keys", "-t", "t", "-l", String.join(" ", cmd.stream().map(Tmux::shellQuote).toList()));
            long start = System.nanoTime();
            tmux("send-keys", "-t", "t", "Enter");
            List<String> downScreens = new ArrayList<>();
            String first = waitFor(s -> noteDown(s, downScreens) && s.contains("Sessions 3") && s.contains("Upstreams 3")
                    && s.contains(" main ") && s.contains(" docs ") && s.contains("corp-proxy") && s.contains("q quit"), 60,
                    "the dashboard with sessions and upstreams");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(first.contains("r reroute") && first.contains("q quit"), first);
            Path config = demoConfig(dir);
            assertTrue(ConfigLoader.load(config).config().session("main").orElseThrow().route().get(0).equals("anthropic"));

            waitFor(s -> noteDown(s, downScreens) && s.split("● running", -1).length == 4 && s.contains("● healthy"), 60,
                    "three running bridges and a healthy upstream");
            assertTrue(downScreens.isEmpty(), "with no fault, no upstream is ever shown down (the simulated upstreams "
                    + "listen before the dashboard probes them):\n" + (downScreens.isEmpty() ? "" : downScreens.get(0)));
            tmux("send-keys", "-t", "t", "Space", "Space", "r");
            String picker = waitFor(s -> s.contains("Reroute main and api to"), 10, "the reroute picker");
            assertTrue(picker.contains("corp-proxy"), picker);
            tmux("send-keys", "-t", "t", "Enter");
            Config after = waitForConfig(config, c -> c.session("main").orElseThrow().route().get(0).equals("corp-proxy")
                    && c.session("api").orElseThrow().route().get(0).equals("corp-proxy"), 10);
            assertEquals("anthropic", after.session("docs").orElseThrow().route().get(0), "docs was not marked");
            waitFor(s -> s.contains("main: route anthropic → corp-proxy"), 10, "the flash line naming the change");

            tmux("send-keys", "-t", "t", "b");
            String confirm = waitFor(s -> s.contains("Restart bridge ") && s.contains("[ Cancel ]"), 10, "the confirm dialog");
            assertTrue(confirm.contains("Restart bridge docs") && !confirm.contains("main and api"),
                    "the reroute cleared the marks, so b acts on the cursor row: " + confirm);
            tmux("send-keys", "-t", "t", "n");
            waitFor(s -> !s.contains("[ Cancel ]") && s.contains("cancelled"), 10, "the dialog closed");

            assertEquals("1 1", tmux("display", "-p", "-t", "t", "#{mouse_standard_flag} #{mouse_sgr_flag}").trim(),
                    "the dashboard asked for click reports in the SGR form");
            String[] lines = tmux("capture-pane", "-p", "-t", "t").split("\n", -1);
            int apiRow = -1;
            for (int row = 0; row < lines.length && apiRow < 0; row++) {
                apiRow = lines[row].matches("^[ ✓] *api .*") ? row : -1;
            }
            assertTrue(apiRow > 0, String.join("\n", lines));
            tmux("send-keys", "-t", "t", "-l", "\033[<0;8;" + (apiRow + 1) + "M\033[<0;8;" + (apiRow + 1) + "m");
            tmux("send-keys", "-t", "t", "b");
            String clicked = waitFor(s -> s.contains("Restart bridge ") && s.contains("[ Cancel ]"), 10, "the confirm dialog");
            assertTrue(clicked.contains("Restart bridge api"), "a real SGR click on api's row selected it: " + clicked);
            tmux("send-keys", "-t", "t", "n");
            waitFor(s -> !s.contains("[ Cancel ]"), 10, "the dialog closed");

            tmux("send-keys", "-t", "t", "Enter");
            String history = waitFor(s -> s.contains("Session api") && s.matches("(?s).*requests +[▁▂▃▄▅▆▇█ ]*[▁▂▃▄▅▆▇█].*"),
                    90, "the 15-minute sparkline in the details of api");
            assertTrue(history.contains("Last 15 minutes"), history);
            System.out.printf("demo in tmux: sparklines after %.0f s%n", (System.nanoTime() - start) / 1e9);
            tmux("send-keys", "-t", "t", "q");
            waitFor(s -> s.contains("Sessions 3"), 10, "the main screen again");

            tmux("send-keys", "-t", "t", "q");
            // the summary is printed line by line after the "stopped" line: wait for its changed route, not just its start
            String back = waitFor(s -> s.contains("detour demo: stopped the simulated upstreams and bridges.")
                    && s.contains("[sessions.main]") && unwrapped(s).contains("→  route = [\"corp-proxy\""), 30,
                    "the demo to stop everything and print its summary with main's new route");
            assertTrue(back.contains("Your changes to the demo config"), back);
            assertEquals("0", tmux("display", "-p", "-t", "t", "#{alternate_on}").trim(), "the alternate screen is left");
            assertEquals("0 0", tmux("display", "-p", "-t", "t", "#{mouse_standard_flag} #{mouse_sgr_flag}").trim(),
                    "mouse reports are off again");
            tmux("send-keys", "-t", "t", "clear; stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo|isig|icrnl)$' | tr '\\n' ' '; echo END",
                    "Enter");
            String modes = waitFor(s -> s.contains("END") && s.contains("icanon"), 10, "stty output");
            assertTrue(modes.contains("icanon") && !modes.contains("-icanon") && !modes.contains("-echo ")
                    && !modes.contains("-isig") && modes.contains("isig"), modes);
            try (Stream<Path> pids = Files.list(config.getParent().resolve("state/detour/bridges"))) {
                assertFalse(pids.anyMatch(p -> p.toString().endsWith(".pid")), "every bridge the demo started is stopped");
            }
            assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(dir.toString())),
                    "no process of the demo is left");
            System.out.printf("demo in tmux: first frame with sessions and upstreams after %.2f s%n", seconds);
        } finally {
            tmux("kill-server");
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                    .forEach(DetourProcess::kill);
        }
    }

    @Test
    void atEightyByTwentyFourTheAdviceReadsWholeAndAThenYesMovesTheSessionsAwayFromTheFault(@TempDir Path dir) throws Exception {
        Tmux.assumePresent("the real-terminal test of the dashboard");
        socket = "detour-test-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "env", "PS1=$ ", "TERM=xterm-256color",
                    "LANG=C.UTF-8", "bash", "--norc", "--noprofile");
            waitFor(s -> s.contains("$"), 10, "a shell prompt");
            List<String> cmd = new ArrayList<>(DetourProcess.command("demo", "--keep", "--fault-after", "3"));
            cmd.add(1, "-Djava.io.tmpdir=" + dir);
            tmux("send-keys", "-t", "t", "-l", String.join(" ", cmd.stream().map(Tmux::shellQuote).toList()));
            tmux("send-keys", "-t", "t", "Enter");
            String advice = waitFor(s -> flat(s).matches(".*→ anthropic: .*reroute [a-z, ]+ to corp-proxy \\(healthy(, \\d+ ms)?\\).*"),
                    90, "the advice to reroute away from anthropic, whole at 80×24");
            Path config = demoConfig(dir);
            tmux("send-keys", "-t", "t", "a");
            String ask = waitFor(s -> s.contains("Apply the advice") && s.contains("[ Cancel ]"), 10, "the question before applying");
            assertTrue(flat(ask).contains("detour reroute") && flat(ask).contains("corp-proxy (healthy"), ask);
            tmux("send-keys", "-t", "t", "y");
            Config after = waitForConfig(config, c -> c.session("main").orElseThrow().route().get(0).equals("corp-proxy")
                    && c.session("api").orElseThrow().route().get(0).equals("corp-proxy"), 15);
            assertEquals("corp-proxy", after.session("docs").orElseThrow().route().get(0), "every session on anthropic moved: " + advice);
            tmux("send-keys", "-t", "t", "q");
            // the summary is printed line by line after the "stopped" line: wait for its changed route, not just its start
            String back = waitFor(s -> s.contains("detour demo: stopped the simulated upstreams and bridges.")
                    && s.contains("[sessions.main]") && unwrapped(s).contains("→  route = [\"corp-proxy\""), 30,
                    "the demo to stop everything and print its summary with main's new route");
            assertTrue(back.contains("Your changes to the demo config"), back);
        } finally {
            tmux("kill-server");
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                    .forEach(DetourProcess::kill);
        }
    }

    /** The pane's text with line breaks and the advice's wrap indentation folded into single spaces. */
    /** The pane's text with the terminal's line wrapping undone (a summary line is longer than 80 columns). */
    private static String unwrapped(String screen) {
        return screen.replace("\n", "");
    }

    private static String flat(String screen) {
        return screen.replaceAll("\\s+", " ");
    }

    private static Path demoConfig(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("detour-demo-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no demo folder in " + dir)).resolve("detour.toml");
        }
    }

    private static Config waitForConfig(Path file, Predicate<Config> ok, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Config last = null;
        while (System.nanoTime() < deadline) {
            last = ConfigLoader.load(file).config();
            if (ok.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the config did not change in " + seconds + " s:\n" + Files.readString(file));
    }

    /** Keeps a screen that shows an upstream down; always true, so that it can lead a wait's condition. */
    private static boolean noteDown(String screen, List<String> downScreens) {
        if (screen.contains("✖ down")) {
            downScreens.add(screen);
        }
        return true;
    }

    private String waitFor(Predicate<String> ok, int seconds, String what) throws Exception {
        return Tmux.waitForPane(socket, ok, seconds, what);
    }

    private String tmux(String... args) throws Exception {
        return Tmux.run(socket, args);
    }
}
