package dev.detour.tui.demo;

import dev.detour.supervise.PortOwner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** The demo's simulated upstreams: {@code detour sim} child processes of this JVM, killed on close. */
public final class SimProcesses implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    private final List<int[]> ports = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /** Starts {@code detour sim --port P --name NAME --family F}, output to {@code log}; see {@link #awaitReady}. */
    public void start(String name, String family, int port, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isEmpty()).map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xms8m", "-Xmx64m", "-cp", classpath,
                "dev.detour.Main", "sim", "--port", String.valueOf(port), "--name", name, "--family", family);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        processes.add(p);
        ports.add(new int[]{port});
        names.add(name);
    }

    /** Waits (bounded: 60 s, a JVM start on a busy machine) until every sim started accepts connections. */
    public void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < processes.size(); i++) {
            while (!PortOwner.accepting(ports.get(i)[0])) {
                if (!processes.get(i).isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("simulated upstream " + names.get(i) + " did not start on port "
                            + ports.get(i)[0] + "; see " + log);
                }
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting " + names.get(i));
                }
            }
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
