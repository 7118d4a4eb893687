package dev.detour.install;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dashboard for the class-data archive's training: in a pseudo-terminal made by {@code script(1)}
 * (util-linux), answering the terminal-size queries a real terminal would answer (120×40), and quitting with
 * {@code q} a moment after its first frame, once the pollers have run.
 */
final class DashboardTraining {
    private static final String SIZE_QUERY = "\033[6n";
    private static final String SIZE_ANSWER = "\033[40;120R";
    private static final String FRAME = "q quit";
    private static final long POLLERS_MS = 3_000;

    private DashboardTraining() {
    }

    /** The command that runs the dashboard in a pseudo-terminal, or null when {@code script} is not on the PATH. */
    static List<String> command(String java, String classListOption, Path jar) {
        if (!onPath("script")) {
            return null;
        }
        String dashboard = String.join(" ", quote(java), quote(classListOption), "-cp", quote(jar.toString()), "dev.detour.Main");
        return List.of("script", "-qfec", "TERM=xterm-256color exec " + dashboard, "/dev/null");
    }

    /** Answers size queries, waits for the first frame and the pollers, then quits; bounded by {@code timeoutS}. */
    static void drive(Process dashboard, Path output, long timeoutS) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        long quitAt = Long.MAX_VALUE;
        int answered = 0;
        OutputStream keys = dashboard.getOutputStream();
        while (dashboard.isAlive() && System.nanoTime() < deadline) {
            String text = Files.exists(output) ? Files.readString(output, StandardCharsets.ISO_8859_1) : "";
            for (int queries = count(text, SIZE_QUERY); answered < queries; answered++) {
                keys.write(SIZE_ANSWER.getBytes(StandardCharsets.US_ASCII));
                keys.flush();
            }
            if (quitAt == Long.MAX_VALUE && text.contains(FRAME)) {
                quitAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(POLLERS_MS);
            }
            if (System.nanoTime() >= quitAt) {
                keys.write('q');
                keys.flush();
                dashboard.waitFor(timeoutS, TimeUnit.SECONDS);
                return;
            }
            Thread.sleep(50);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
