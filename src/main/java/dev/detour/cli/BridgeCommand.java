package dev.detour.cli;

import dev.detour.bridge.Bridge;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.dialect.UpstreamProtocols;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code detour bridge SESSION}: runs one session's bridge in the foreground until SIGTERM, which drains it. */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Runs the bridge of SESSION in the foreground on 127.0.0.1:PORT.",
                "Agents use http://127.0.0.1:PORT/t/TOKEN (see 'detour env SESSION').",
                "Token: STATE/bridges/SESSION.token; log: STATE/bridges/SESSION.log.",
                "SIGTERM stops accepting, lets requests in flight finish (bounded), exits 0."})
public final class BridgeCommand implements Callable<Integer>, QuickCommand {
    static final QuickSyntax QUICK = new QuickSyntax("bridge", Set.of(), Set.of("--drain-timeout"), 1, 1);
    static final String DEFAULT_DRAIN_SECONDS = "20";

    @ParentCommand
    DetourCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session, as named in the config")
    String session;

    @Option(names = "--drain-timeout", defaultValue = DEFAULT_DRAIN_SECONDS, paramLabel = "S",
            description = "Seconds SIGTERM waits for requests in flight (default: ${DEFAULT-VALUE})")
    int drainSeconds;

    /** @throws NumberFormatException for a {@code --drain-timeout} that is no whole number (picocli says so) */
    static BridgeCommand quick(DetourCommand parent, QuickArgs args) {
        BridgeCommand command = new BridgeCommand();
        command.parent = parent;
        command.session = args.positionals().get(0);
        String drain = args.value("--drain-timeout");
        command.drainSeconds = Integer.valueOf(drain != null ? drain : DEFAULT_DRAIN_SECONDS);
        return command;
    }

    @Override
    public Integer call() throws Exception {
        return run(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) throws Exception {
        LoadedConfig loaded = parent.configOption.load();
        if (loaded.config().session(session).isEmpty()) {
            throw CliFailure.usage(loaded.file() + ": no session \"" + session + "\" (sessions: "
                    + String.join(", ", loaded.config().sessions().keySet()) + ")");
        }
        if (drainSeconds < 0) {
            throw CliFailure.usage("--drain-timeout must be 0 or more");
        }
        Bridge bridge;
        try {
            bridge = Bridge.start(session, loaded.file(), loaded, DetourPaths.system(), UpstreamProtocols.standard(),
                    System::getenv);
        } catch (IOException e) {
            throw CliFailure.runtime(e.getMessage());
        }
        BridgeTeamLink.startIfConfigured(bridge, session, loaded.config());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.drain(drainSeconds, "SIGTERM");
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "bridge-drain"));
        out.println("bridge " + session + " listening on 127.0.0.1:" + bridge.port() + " (pid "
                + ProcessHandle.current().pid() + ")");
        out.flush();
        new CountDownLatch(1).await();
        return ExitCodes.OK;
    }
}
