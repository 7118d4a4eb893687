package dev.detour.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** tmux may be missing where tests run (scripts/test installs it when it can): tests that need it skip with a message. */
public final class Tmux {
    private Tmux() {
    }

    public static boolean present() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips the calling test, saying why, when tmux is not installed. */
    public static void assumePresent(String whatIsSkipped) {
        Assumptions.assumeTrue(present(), "tmux is not installed: skipping " + whatIsSkipped
                + " (scripts/test installs it; or apt-get install tmux)");
    }

    /** Runs one tmux command on the server of {@code socket} ({@code tmux -L}) and returns what it printed. */
    public static String run(String socket, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " hung");
        }
        return out;
    }

    /** Polls pane {@code t} of the server of {@code socket} until its text satisfies {@code ok}; returns that text. */
    public static String waitForPane(String socket, Predicate<String> ok, int seconds, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = run(socket, "capture-pane", "-p", "-t", "t");
            if (ok.test(screen)) {
                return screen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + what + " within " + seconds + " s; the pane shows:\n" + screen);
    }

    /** {@code s} as one word for the shell in the pane. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
