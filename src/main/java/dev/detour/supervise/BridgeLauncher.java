package dev.detour.supervise;

import dev.detour.config.PrivateFiles;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts {@code detour bridge SESSION} detached: in its own session ({@code setsid}), so a closed terminal, a SIGHUP
 * to the starter's process group or an SSH disconnect does not reach it; stdin from /dev/null and output appended
 * to its log, so it never writes into a pipe owned by the starter.
 */
public final class BridgeLauncher {
    /**
     * JVM options that keep a bridge small and quick to start; whoever launches a bridge process should use them.
     * A bridge is I/O-bound: the serial collector, a small heap and small stacks cost it nothing measurable in latency
     * (see scripts/bench-bridge) and keep its memory near the JVM's own floor.
     * <p>
     * Its per-request code goes to C2 after a few hundred requests instead of the JVM's default thousands (an agent
     * sends a request every few seconds: by default a bridge would run profiling C1 code for hours). Woken with cold
     * caches between requests, as beside agents and upstreams on a small machine, C2's code adds a third to a half less
     * latency than C1's (scripts/bench-bridge, "C1 only"). A C2 compile may build 12,000 nodes, not 80,000, so that
     * its arena stays near C1's few MiB rather than 20 while a burst makes C2 compile (a larger method stays with C1;
     * the bridge's latency is the same either way).
     * <p>
     * After a burst the bridge collects once when quiet (bridge/IdleTrim); the free-ratio options make that
     * collection hand the grown heap back at once (a lower MinHeapFreeRatio too made the start collect again and
     * again: 40% slower to accept), and the native heap is trimmed every few seconds (scripts/bench-memory, "after
     * the load"). The trim option exists from 17.0.9 and 21.0.1 on; older JVMs ignore it rather than refuse to start.
     */
    public static final List<String> JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC", "-Xms8m", "-Xmx192m", "-Xss256k",
            "-XX:Tier4InvocationThreshold=500", "-XX:Tier4MinInvocationThreshold=300",
            "-XX:Tier4CompileThreshold=1000", "-XX:Tier4BackEdgeThreshold=5000",
            "-XX:MaxNodeLimit=12000", "-XX:NodeLimitFudgeFactor=500",
            "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m", "-XX:-UsePerfData", "-Xshare:auto",
            "-XX:MaxHeapFreeRatio=40", "-XX:-ShrinkHeapInSteps",
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TrimNativeHeapInterval=5000");

    /**
     * glibc gives each thread that allocates its own malloc arena, up to eight per core, and keeps their memory: a
     * bridge's request threads then hold megabytes each after a burst (scripts/bench-memory, "glibc arenas").
     */
    public static final Map<String, String> MALLOC_ENV = Map.of("MALLOC_ARENA_MAX", "2");

    /** Base URLs in the starter's environment would point the bridge at itself; the bridge uses the config. */
    static final List<String> DROPPED_ENV = List.of("ANTHROPIC_BASE_URL", "OPENAI_BASE_URL");

    private final Path setsid;
    private final String javaBinary;
    private final String classpath;
    private final List<String> classDataOptions;

    public BridgeLauncher(Path setsid, String javaBinary, String classpath, List<String> classDataOptions) {
        this.setsid = setsid;
        this.javaBinary = javaBinary;
        this.classpath = classpath;
        this.classDataOptions = List.copyOf(classDataOptions);
    }

    /**
     * The launcher for this JVM: the same java binary, its classpath made absolute, its class-data archive (the
     * installed launcher's, built for that java and jar: bridges then share its pages), {@code setsid} from PATH.
     */
    public static BridgeLauncher forThisJvm(Map<String, String> env) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        return new BridgeLauncher(findSetsid(env), java, classpath, classDataOptions(
                ProcessHandle.current().info().arguments().map(List::of).orElse(List.of())));
    }

    /** The options of {@code jvmArguments} that choose a class-data archive, where it is mapped, and quiet its log. */
    static List<String> classDataOptions(List<String> jvmArguments) {
        return jvmArguments.stream()
                .takeWhile(argument -> !argument.equals("-cp") && !argument.equals("-jar"))
                .filter(argument -> argument.startsWith("-XX:SharedArchiveFile=") || argument.startsWith("-Xlog:cds")
                        || argument.equals("-XX:+UnlockDiagnosticVMOptions") || argument.startsWith("-XX:ArchiveRelocationMode="))
                .toList();
    }

    static Path findSetsid(Map<String, String> env) {
        List<String> dirs = new ArrayList<>(Arrays.asList(env.getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "setsid"))) {
                return Path.of(dir, "setsid");
            }
        }
        throw new IllegalStateException("setsid (util-linux) not found on PATH: it is needed to detach bridges");
    }

    /** The argument list: {@code setsid JAVA OPTIONS -cp CP dev.detour.Main bridge SESSION --config FILE}. */
    public List<String> command(String session, Path configFile) {
        List<String> command = new ArrayList<>(List.of(setsid.toString(), javaBinary));
        command.addAll(JVM_OPTIONS);
        command.addAll(classDataOptions);
        command.addAll(List.of("-cp", classpath, BridgeIdentity.MAIN_CLASS, "bridge", session, "--config",
                configFile.toAbsolutePath().toString()));
        return command;
    }

    /** The bridge's environment: the starter's, without agent base URLs, with the state dir pinned and few malloc arenas. */
    public static Map<String, String> environment(Map<String, String> starterEnv, Path stateDir) {
        Map<String, String> env = new HashMap<>(starterEnv);
        DROPPED_ENV.forEach(env::remove);
        MALLOC_ENV.forEach(env::putIfAbsent);
        if (stateDir.getFileName() != null && stateDir.getFileName().toString().equals("detour")
                && stateDir.getParent() != null) {
            env.put("XDG_STATE_HOME", stateDir.getParent().toAbsolutePath().toString());
        }
        return env;
    }

    public ChildProcess launch(String session, Path configFile, Map<String, String> env, Path logFile)
            throws IOException {
        PrivateFiles.file(logFile);
        return ChildProcess.start(command(session, configFile), env, logFile.getParent(), builder -> builder
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true));
    }
}
