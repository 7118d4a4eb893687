package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.supervise.StopResult;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop the bridges of the named sessions (all sessions when none is named).",
                "SIGTERM first (the bridge finishes the streams in flight), SIGKILL to its whole process tree after "
                        + "--timeout. A stale pid file (dead pid, or a pid now used by another program) is removed "
                        + "without signalling anything."})
public final class DownCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SESSION", arity = "0..*", description = "Sessions to stop (default: all)")
    List<String> sessions = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "25",
            description = "How long a bridge may drain before SIGKILL (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws ConfigException, IOException {
        Duration timeout = drainTimeout(timeoutSeconds);
        LoadedConfig loaded = root.configOption.load();
        List<Session> selected = SessionSelection.select(loaded, sessions);
        Supervisor supervisor = Supervisor.forThisProcess(DetourPaths.system(), loaded.file());
        PrintWriter out = spec.commandLine().getOut();
        boolean refused = false;
        for (Session session : selected) {
            StopResult result = supervisor.stop(session, timeout, "by detour down");
            String pid = result.pid() != 0 ? " (pid " + result.pid() + ")" : "";
            String line = switch (result.outcome()) {
                case STOPPED, KILLED -> result.message() + pid;
                case NOT_RUNNING -> "not running";
                case STALE_CLEANED, OTHER_CONFIG -> result.message();
            };
            out.println(session.name() + ": " + line);
            out.flush();
            refused |= result.outcome() == StopResult.Outcome.OTHER_CONFIG;
        }
        return refused ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** The {@code --timeout} of {@code down} and {@code restart}: how long a bridge may drain before SIGKILL. */
    static Duration drainTimeout(long seconds) {
        if (seconds < 0) {
            throw CliFailure.usage("--timeout must be 0 or more seconds, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }
}
