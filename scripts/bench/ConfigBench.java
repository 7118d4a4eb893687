import dev.detour.config.ConfigException;
import dev.detour.config.ConfigWriter;
import dev.detour.route.RouteChanges;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * `detour reroute` on large configs (many upstreams, sessions and comments): a cold CLI process per run (wall time,
 * peak RSS from /usr/bin/time when it is there) and the writer in this JVM (read, validate, write), sizes interleaved
 * run by run so load hits them alike. Reading, validating and writing must stay linear: the ms per MB column must not
 * grow with the size. Configs over the loader's limit must be refused with exit 2.
 * Usage: java -cp JAR ConfigBench.java JAR RUNS SIZE_KB...
 */
public class ConfigBench {
    record Sample(long wallMs, long rssKb, int exit, String err) {
    }

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int runs = Integer.parseInt(args[1]);
        List<Integer> sizesKb = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sizesKb.add(Integer.parseInt(args[i]));
        }
        Path dir = Files.createTempDirectory("detour-bench-config");
        Map<Integer, String> texts = new LinkedHashMap<>();
        Map<Integer, int[]> counts = new LinkedHashMap<>();
        for (int kb : sizesKb) {
            int[] count = new int[2];
            texts.put(kb, config(kb * 1024, count));
            counts.put(kb, count);
        }
        boolean timeTool = Files.isExecutable(Path.of("/usr/bin/time"));
        Map<Integer, List<Sample>> cold = new LinkedHashMap<>();
        Map<Integer, List<Long>> warm = new LinkedHashMap<>();
        sizesKb.forEach(kb -> {
            cold.put(kb, new ArrayList<>());
            warm.put(kb, new ArrayList<>());
        });
        for (int kb : sizesKb) {
            inProcess(dir, texts.get(kb)); // warm-up of this JVM's code paths
        }
        for (int run = 0; run < runs; run++) {
            for (int kb : sizesKb) {
                cold.get(kb).add(cli(jar, dir, texts.get(kb), timeTool));
                warm.get(kb).add(inProcess(dir, texts.get(kb)));
            }
        }
        System.out.println("detour reroute on large configs: median of " + runs + " runs, sizes interleaved");
        System.out.printf("%9s %9s %9s %6s %12s %10s %10s %14s %12s%n", "size", "upstreams", "sessions", "exit",
                "cold CLI ms", "ms per MB", "peak RSS", "in-process ms", "ms per MB");
        boolean ok = true;
        for (int kb : sizesKb) {
            List<Sample> samples = cold.get(kb);
            long wall = median(samples.stream().map(Sample::wallMs).toList());
            long rss = median(samples.stream().map(Sample::rssKb).toList());
            int exit = samples.get(0).exit();
            long inJvm = median(warm.get(kb));
            double mb = texts.get(kb).length() / 1_048_576.0;
            boolean refused = texts.get(kb).length() > dev.detour.config.ConfigLoader.MAX_BYTES;
            boolean right = refused ? exit == 2 && samples.get(0).err().contains("reads none over") : exit == 0;
            ok &= right;
            System.out.printf("%9s %9d %9d %6s %12d %10s %10s %14s %12s%n", human(texts.get(kb).length()),
                    counts.get(kb)[0], counts.get(kb)[1], exit + (right ? "" : "!"), wall,
                    refused ? "-" : String.format("%.0f", wall / mb), rss > 0 ? rss / 1024 + " MiB" : "-",
                    inJvm < 0 ? "refused" : Long.toString(inJvm), inJvm < 0 ? "-" : String.format("%.0f", inJvm / mb));
        }
        System.out.println("over " + human(dev.detour.config.ConfigLoader.MAX_BYTES)
                + " a config is refused (exit 2, file, the limit); cold CLI includes the JVM start");
        if (!ok) {
            System.out.println("bench-config: an exit code was wrong (marked !)");
            System.exit(1);
        }
    }

    /** A config of about {@code bytes}: commented upstreams, and every fourth a session routed over three of them. */
    static String config(int bytes, int[] counts) {
        StringBuilder text = new StringBuilder("""
                # a large detour config for scripts/bench-config
                [settings]
                probe_interval_s = 15

                [upstreams.u0]
                family = "anthropic"
                base_url = "https://u0.example"
                auth = "passthrough"

                [upstreams.u1]
                family = "anthropic"
                base_url = "https://u1.example"
                auth = "passthrough"

                [sessions.main]
                port = 20000
                route = ["u0", "u1"]
                """);
        int upstreams = 2;
        int sessions = 1;
        while (text.length() < bytes) {
            int n = upstreams++;
            text.append("\n# upstream ").append(n).append(": a gateway of team ").append(n % 17)
                    .append(", kept for the incident drills; ask the platform team before removing it\n")
                    .append("[upstreams.u").append(n).append("]\nfamily = \"anthropic\"\n")
                    .append("base_url = \"https://gw").append(n).append(".example/anthropic\"\n")
                    .append("auth = \"passthrough\"   # the agent's own key\n");
            if (n % 4 == 0) {
                int s = sessions++;
                text.append("\n[sessions.s").append(s).append("]\nport = ").append(20000 + s)
                        .append("\nroute = [\"u").append(n).append("\", \"u0\", \"u1\"]\n");
            }
        }
        counts[0] = upstreams;
        counts[1] = sessions;
        return text.toString();
    }

    static Sample cli(String jar, Path dir, String text, boolean timeTool) throws IOException, InterruptedException {
        Path file = fresh(dir, text);
        Path rss = dir.resolve("rss.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = new ArrayList<>();
        if (timeTool) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        }
        cmd.addAll(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmx256m", "-Xss1m", "-jar",
                jar, "reroute", "main", "--to", "u1", "--config", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("reroute on " + human(text.length()) + " did not finish in 300 s");
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long kb = 0;
        if (timeTool && Files.exists(rss)) {
            List<String> lines = Files.readAllLines(rss);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            kb = last.matches("\\d+") ? Long.parseLong(last) : 0;
        }
        return new Sample(wall, kb, p.exitValue(), Files.readString(err));
    }

    /** Milliseconds for the writer to reroute in this JVM; -1 when the config is refused. */
    static long inProcess(Path dir, String text) throws IOException {
        Path file = fresh(dir, text);
        long start = System.nanoTime();
        try {
            ConfigWriter.update(file, c -> RouteChanges.reroute(c, "main", "u1"));
        } catch (ConfigException refused) {
            return -1;
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    static Path fresh(Path dir, String text) throws IOException {
        Path file = dir.resolve("detour.toml");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static String human(long bytes) {
        return bytes >= 1_048_576 ? String.format("%.1f MiB", bytes / 1_048_576.0) : bytes / 1024 + " KiB";
    }
}
