package dev.detour.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.detour.config.Config;
import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.health.EdgeVerdict;
import dev.detour.health.Finding;
import dev.detour.health.HealthCheck;
import dev.detour.health.NetworkChecks;
import dev.detour.health.SetupChecks;
import dev.detour.supervise.Agent;
import dev.detour.supervise.AgentDiscovery;
import dev.detour.supervise.AgentScan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code detour doctor}: checks the setup, one line per finding; exit 0 when all is well, 1 otherwise. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the setup: the config is valid and only you can write it, the state dir and the bridges' "
                + "tokens are private, every key variable named by auth is set, each upstream's probe ladder "
                + "(DNS, connect, TLS, models), the control hosts, agents that bypass detour, and tmux's escape-time.",
                "One line per finding. Exit 0 when all is well, 1 otherwise."})
public final class DoctorCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "Longest wait for the probes (default: ${DEFAULT-VALUE}).")
    double timeoutS;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        List<Finding> findings = new ArrayList<>();
        Path file = root.configOption.resolve();
        Config config = config(file, findings);
        findings.addAll(stateDir(DetourPaths.system()));
        if (config != null) {
            findings.addAll(SetupChecks.keys(config, env));
            findings.addAll(NetworkChecks.all(config, env::get, java.time.Instant.now()));
            findings.addAll(ladders(config, env));
            findings.addAll(agents(config));
        }
        findings.add(SetupChecks.tmux(tmuxEscapeTime()));
        print(findings);
        return findings.stream().allMatch(Finding::ok) ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static Config config(Path file, List<Finding> findings) {
        if (!Files.exists(file)) {
            findings.add(Finding.problem("config", "no config at " + file
                    + ": run `detour status` once to create the annotated default, or pass --config FILE"));
            return null;
        }
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(file);
        } catch (ConfigException e) {
            findings.add(Finding.problem("config", e.getMessage()));
            return null;
        }
        findings.add(Finding.ok("config", file + " is valid"));
        boolean permissionsWarned = false;
        for (String warning : loaded.warnings()) {
            findings.add(Finding.problem("config", warning));
            permissionsWarned |= warning.contains("writable by group or others");
        }
        Set<PosixFilePermission> mode = mode(file);
        if (mode != null && !permissionsWarned) {
            findings.add(SetupChecks.configPermissions(file, mode));
        }
        return loaded.config();
    }

    private static List<Finding> stateDir(DetourPaths paths) {
        Path dir = paths.stateDir();
        Map<Path, Set<PosixFilePermission>> tokens = new LinkedHashMap<>();
        if (Files.isDirectory(paths.bridgesDir())) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(paths.bridgesDir(), "*.token")) {
                for (Path token : files) {
                    Set<PosixFilePermission> m = mode(token);
                    if (m != null) {
                        tokens.put(token, m);
                    }
                }
            } catch (IOException e) {
                return List.of(Finding.problem("state", "cannot read " + paths.bridgesDir() + ": " + e.getMessage()));
            }
        }
        return SetupChecks.statePermissions(dir, Files.isDirectory(dir) ? mode(dir) : null, tokens);
    }

    private List<Finding> ladders(Config config, Map<String, String> env) {
        if (!(timeoutS > 0) || timeoutS > 600) {
            throw CliFailure.usage("--timeout must be between 0 and 600 seconds, got " + timeoutS);
        }
        Duration bound = Duration.ofMillis(Math.round(timeoutS * 1000));
        List<Finding> out = new ArrayList<>();
        try (HealthCheck check = HealthCheck.withDefaults(bound, env, DetourPaths.system())) {
            HealthCheck.Probes probes = check.probe(config, bound);
            probes.upstreams().forEach((name, probe) -> out.add(SetupChecks.ladder(name, probe)));
            out.add(SetupChecks.edge(EdgeVerdict.judge(probes.upstreams().values(), probes.controls(), false),
                    probes.controls()));
        }
        return out;
    }

    private static List<Finding> agents(Config config) {
        AgentScan scan = AgentDiscovery.system().scan(config.sessions().values());
        if (scan.bypassing().isEmpty()) {
            return List.of(Finding.ok("agents", "no agent bypasses detour (" + scan.attached().size() + " attached to a bridge)"));
        }
        String session = config.sessions().keySet().stream().findFirst().orElse("SESSION");
        List<Finding> out = new ArrayList<>();
        for (Agent a : scan.bypassing()) {
            out.add(Finding.problem("agents", "pid " + a.pid() + " (" + a.command() + ") in "
                    + (a.cwd() == null ? "an unreadable directory" : a.cwd()) + " bypasses detour ("
                    + (a.baseUrl() == null ? "no base URL" : "base URL " + a.baseUrl()) + "): restart it with `detour run "
                    + session + " -- claude`"));
        }
        return out;
    }

    /** {@code tmux show -sv escape-time} of the tmux server this process would talk to, or null when none runs. */
    private static String tmuxEscapeTime() {
        try {
            Process p = new ProcessBuilder("tmux", "show", "-sv", "escape-time")
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    return null;
                }
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return p.exitValue() == 0 ? out : null;
            } finally {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Set<PosixFilePermission> mode(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private void print(List<Finding> findings) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ok", findings.stream().allMatch(Finding::ok));
                doc.put("findings", findings);
                out.println(StatusJson.JSON.writeValueAsString(doc));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            for (Finding f : findings) {
                out.println(String.format("%-7s  %-6s  %s", f.ok() ? "ok" : "PROBLEM", f.check(), f.text()));
            }
        }
        out.flush();
    }
}
