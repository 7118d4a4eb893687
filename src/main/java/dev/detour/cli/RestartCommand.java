package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.supervise.BridgeState;
import dev.detour.supervise.StartResult;
import dev.detour.supervise.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Drain and replace the bridges of the named sessions, one after another.",
                "The old bridge stops accepting and finishes its streams in flight; the new one starts as soon as "
                        + "the old one has let go of the port. A session whose bridge is not running is started."})
public final class RestartCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SESSION", arity = "1..*", description = "Sessions to restart")
    List<String> sessions;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "25",
            description = "How long the old bridge may drain before SIGKILL (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws ConfigException, IOException {
        Duration timeout = DownCommand.drainTimeout(timeoutSeconds);
        LoadedConfig loaded = root.configOption.load();
        List<Session> selected = SessionSelection.select(loaded, sessions);
        Supervisor supervisor = Supervisor.forThisProcess(DetourPaths.system(), loaded.file());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allOk = true;
        for (Session session : selected) {
            BridgeState before = supervisor.state(session);
            StartResult result = supervisor.restart(session, timeout, "by detour restart");
            if (!result.ok()) {
                allOk = false;
                UpCommand.report(out, err, List.of(result));
            } else if (result.outcome() == StartResult.Outcome.ALREADY_RUNNING) {
                out.println(session.name() + ": " + result.message() + " (pid " + result.pid() + "): not restarted");
            } else if (before.running()) {
                out.println(session.name() + ": restarted (pid " + before.pid() + " -> " + result.pid() + ")");
            } else {
                out.println(session.name() + ": was " + before.status().word() + ", started (pid " + result.pid()
                        + ")");
            }
            out.flush();
        }
        return allOk ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
