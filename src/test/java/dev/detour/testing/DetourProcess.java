package dev.detour.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code detour ARGS...} as a real child process on this test's classpath, and kills it (by pid, with its
 * descendants) on {@link #close()}, so a failing test leaves nothing behind.
 */
public final class DetourProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private DetourProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The command line that runs detour's main class with this JVM and this test classpath. */
    public static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.detour.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts detour with {@code env} added to this process's environment; stdout and stderr go to {@code output}. */
    public static DetourProcess start(Map<String, String> env, Path output, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().putAll(env);
        return new DetourProcess(pb.start(), output);
    }

    /** Runs detour to completion (bounded) and returns its exit code and output. */
    public static Result run(Map<String, String> env, Path workDir, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        File out = File.createTempFile("detour-run", ".out", workDir.toFile());
        File err = File.createTempFile("detour-run", ".err", workDir.toFile());
        ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("detour " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), java.nio.file.Files.readString(out.toPath()),
                    java.nio.file.Files.readString(err.toPath()));
        } finally {
            kill(p.toHandle());
        }
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public String output() throws IOException {
        return java.nio.file.Files.readString(output);
    }

    @Override
    public void close() {
        kill(process.toHandle());
    }

    /** Kills a process and its descendants: TERM first, KILL after a short bound. */
    public static void kill(ProcessHandle handle) {
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
