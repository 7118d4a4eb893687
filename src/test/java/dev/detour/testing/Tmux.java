package dev.detour.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

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
}
