package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.supervise.AgentDiscovery;
import dev.detour.supervise.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code detour status [--json]}: sessions, routes and upstreams, once. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show sessions (port, route, family, failover), upstreams (family, URL, auth mode), bridges "
                + "(running/stopped/crashed, pid, uptime, restarts), agents (attached to a bridge, or bypassing "
                + "detour), and upstream health with advice (probed once, all at the same time), once.")
public final class StatusCommand implements Callable<Integer>, QuickCommand {
    static final QuickSyntax QUICK = new QuickSyntax("status", Set.of("--json", "--no-health"), Set.of("--timeout"), 0, 0);
    static final String DEFAULT_TIMEOUT = "3";

    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Option(names = "--no-health", negatable = false,
            description = "Leave out upstream health and advice (no probes, status pages or bridge stats).")
    boolean noHealth;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = DEFAULT_TIMEOUT,
            description = "Longest wait for probes, status pages and bridge stats (default: ${DEFAULT-VALUE}).")
    double timeoutS;

    /** @throws NumberFormatException for a {@code --timeout} that is no number (picocli says so) */
    static StatusCommand quick(DetourCommand root, QuickArgs args) {
        StatusCommand command = new StatusCommand();
        command.root = root;
        command.json = args.flag("--json");
        command.noHealth = args.flag("--no-health");
        String timeout = args.value("--timeout");
        command.timeoutS = Double.valueOf(timeout != null ? timeout : DEFAULT_TIMEOUT);
        return command;
    }

    @Override
    public Integer call() throws ConfigException {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) throws ConfigException {
        LoadedConfig loaded = root.configOption.load();
        Collection<Session> sessions = loaded.config().sessions().values();
        Supervisor supervisor = Supervisor.forThisProcess(DetourPaths.system(), loaded.file());
        StatusReport report = StatusReport.of(loaded, System.getenv(),
                sessions.stream().map(supervisor::state).toList(), AgentDiscovery.system().scan(sessions));
        dev.detour.team.TeamReport team = TeamOnce.read(loaded.config(), timeoutS);
        if (!noHealth) {
            report = report.withHealth(HealthOnce.check(loaded.config(), timeoutS, team == null ? p -> p
                    : p -> dev.detour.team.TeamPassive.enrich(p, team.view(), loaded.config(), java.time.Instant.now())));
        }
        String text = json ? StatusJson.render(report, team) + "\n"
                : StatusText.render(report) + TeamText.render(team, System.currentTimeMillis());
        out.print(text);
        out.flush();
        return ExitCodes.OK;
    }
}
