import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times detour's short commands, before (plain java -jar) and after (the installed launcher with its class-data
 * archive), cold and warm, in one run, and prints a table; with a baseline install (another version's launcher and
 * archive) for each baseline, that too. The variants take turns run by run (A, B, C, A, B, C, ...), so that load on a shared machine
 * hits each alike. Run by scripts/bench-cli: java scripts/bench/CliBench.java JAR PREFIX [WARM_RUNS [LABEL=BASELINE_PREFIX]...]
 * Cold: the jar, the archive and the JDK's lib/modules are dropped from the page cache (GNU dd iflag=nocache)
 * before each run, as after a while of not using detour. Warm: after two unmeasured runs.
 */
public class CliBench {
    static final int COLD_RUNS = 3;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path prefix = Path.of(args[1]).toAbsolutePath();
        int warmRuns = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path tmp = Files.createTempDirectory("bench-cli");
        Path config = Files.writeString(tmp.resolve("detour.toml"), String.join("\n",
                "[upstreams.x]", "family = \"anthropic\"", "base_url = \"http://127.0.0.1:9\"", "auth = \"passthrough\"", "",
                "[upstreams.y]", "family = \"anthropic\"", "base_url = \"http://127.0.0.1:9\"", "auth = \"passthrough\"", "",
                "[sessions.bench]", "port = " + freePort(), "route = [\"x\", \"y\"]", ""));
        Map<String, String> env = Map.of("DETOUR_CONFIG", config.toString(), "XDG_STATE_HOME", tmp.resolve("state").toString(),
                "XDG_CONFIG_HOME", tmp.resolve("xdg").toString());
        String java = ProcessHandle.current().info().command().orElse("java");
        Path lib = prefix.resolve("lib/detour");
        Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
        List<Variant> variants = new ArrayList<>(List.of(
                new Variant("java -jar (before)", List.of(java, "-jar", jar.toString()), List.of(jar, modules)),
                new Variant("launcher, no app archive", List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                        "-Xms16m", "-Xmx256m", "-Xss1m", "-XX:-UsePerfData", "-cp", lib.resolve("detour.jar").toString(),
                        "dev.detour.Main"), List.of(lib.resolve("detour.jar"), modules)),
                new Variant("launcher + CDS (after)", List.of(prefix.resolve("bin/detour").toString()),
                        List.of(lib.resolve("detour.jar"), lib.resolve("detour.jsa"), modules))));
        Variant installed = variants.get(2);
        for (String labelled : Arrays.asList(args).subList(Math.min(args.length, 3), args.length)) {
            String label = labelled.substring(0, labelled.indexOf('='));
            Path baseline = Path.of(labelled.substring(label.length() + 1)).toAbsolutePath();
            Path baseLib = baseline.resolve("lib/detour");
            variants.add(new Variant("baseline " + label, List.of(baseline.resolve("bin/detour").toString()),
                    List.of(baseLib.resolve("detour.jar"), baseLib.resolve("detour.jsa"), modules)));
        }
        boolean cpuTimes = Files.isExecutable(Path.of("/usr/bin/time"));
        double loadBefore = loadAverage();
        List<String[]> rows = new ArrayList<>();
        int[] flip = {0};
        for (String[] command : List.of(new String[]{"--version"}, new String[]{"status", "--no-health"},
                new String[]{"reroute", "bench", "--to", "@"}, new String[]{"up-then-reroute"})) {
            String label = String.join(" ", command).replace("@", "x|y");
            if (command[0].equals("up-then-reroute")) {
                run(installed.command(), env, tmp, false, "up", "bench");
                label = "reroute, bridge up";
                command = new String[]{"reroute", "bench", "--to", "@"};
            }
            int n = variants.size();
            double[][] cold = new double[n][COLD_RUNS];
            double[][] warm = new double[n][warmRuns];
            double[][] cpu = new double[n][warmRuns];
            for (int i = 0; i < COLD_RUNS; i++) {
                for (int v = 0; v < n; v++) {
                    variants.get(v).evict();
                    cold[v][i] = run(variants.get(v).command(), env, tmp, false, next(command, flip))[0];
                }
            }
            for (int i = 0; i < 2; i++) {
                for (Variant variant : variants) {
                    run(variant.command(), env, tmp, false, next(command, flip));
                }
            }
            for (int i = 0; i < warmRuns; i++) {
                for (int v = 0; v < n; v++) {
                    double[] wallAndCpu = run(variants.get(v).command(), env, tmp, cpuTimes, next(command, flip));
                    warm[v][i] = wallAndCpu[0];
                    cpu[v][i] = wallAndCpu[1];
                }
            }
            List<String> row = new ArrayList<>(List.of(label));
            for (int v = 0; v < n; v++) {
                row.add(f(median(cold[v])));
                row.add(f(median(warm[v])));
                row.add(cpuTimes ? f(median(cpu[v])) : "-");
            }
            rows.add(row.toArray(String[]::new));
        }
        run(installed.command(), env, tmp, false, "down");
        double loadAfter = loadAverage();

        System.out.printf("detour CLI, wall time in ms (median; cold: %d runs, warm: %d runs, variants interleaved); cpu = user+sys of the warm runs%n",
                COLD_RUNS, warmRuns);
        System.out.printf("machine: %d cores, load average %.1f before, %.1f after; %s%n", Runtime.getRuntime().availableProcessors(),
                loadBefore, loadAfter, System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.printf("%-22s", "");
        for (Variant variant : variants) {
            System.out.printf(" | %-26s", variant.name());
        }
        System.out.println();
        System.out.printf("%-22s", "command");
        for (int i = 0; i < variants.size(); i++) {
            System.out.printf(" | %8s %8s %8s", "cold", "warm", "cpu");
        }
        System.out.println();
        for (String[] row : rows) {
            System.out.printf("%-22s", row[0]);
            for (int i = 1; i < row.length; i += 3) {
                System.out.printf(" | %8s %8s %8s", row[i], row[i + 1], row[i + 2]);
            }
            System.out.println();
        }
        System.out.println("target: reroute warm <= 300 ms with the launcher");
    }

    record Variant(String name, List<String> command, List<Path> files) {
        void evict() throws Exception {
            for (Path file : files) {
                if (Files.exists(file)) {
                    new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0").redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The command's words, with {@code @} replaced by x and y in turn, so that every reroute changes the route. */
    static String[] next(String[] command, int[] flip) {
        return Arrays.stream(command).map(word -> word.equals("@") ? (flip[0]++ % 2 == 0 ? "y" : "x") : word)
                .toArray(String[]::new);
    }

    /** Runs to completion; returns wall ms and (with /usr/bin/time) user+sys ms. */
    static double[] run(List<String> base, Map<String, String> env, Path tmp, boolean cpu, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        Path times = tmp.resolve("times");
        if (cpu) {
            command.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", times.toString()));
        }
        command.addAll(base);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 120 s");
        }
        double wall = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + Files.readString(tmp.resolve("out")));
        }
        double cpuMs = 0;
        if (cpu) {
            for (String part : Files.readString(times).trim().split("\\s+")) {
                cpuMs += Double.parseDouble(part) * 1000;
            }
        }
        return new double[]{wall, cpuMs};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static String f(double ms) {
        return String.format("%.0f", ms);
    }

    static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
