package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.supervise.AgentEnvironment;
import dev.detour.supervise.ChildProcess;
import dev.detour.supervise.CodexProvider;
import dev.detour.supervise.StartResult;
import dev.detour.supervise.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an agent through a session's bridge: starts the bridge if needed, then runs the "
                + "command in the foreground (on this terminal) with ANTHROPIC_BASE_URL pointing at the bridge; "
                + "a codex command gets the -c overrides of a provider that points at the bridge.",
                "Exits with the command's exit code. Examples: detour run main -- claude; detour run main -- codex exec 'fix it'",
                "--shape bedrock|vertex runs Claude Code in Bedrock or Vertex mode through the bridge."})
public final class RunCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SESSION", description = "The session")
    String session;

    @picocli.CommandLine.Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "messages",
            description = "messages (default), bedrock or vertex: the API shape the agent speaks")
    String shape;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD",
            description = "The agent and its arguments, after --")
    List<String> command;

    @Override
    public Integer call() throws ConfigException, IOException, InterruptedException {
        AgentEnvironment.Shape agentShape = EnvCommand.shape(shape);
        boolean codex = CodexProvider.isCodex(this.command);
        if (codex && agentShape != AgentEnvironment.Shape.MESSAGES) {
            throw CliFailure.usage("--shape is for Claude Code; Codex speaks the Responses API (drop --shape)");
        }
        LoadedConfig loaded = root.configOption.load();
        Session selected = SessionSelection.one(loaded, session);
        DetourPaths paths = DetourPaths.system();
        PrintWriter err = spec.commandLine().getErr();
        Supervisor supervisor = Supervisor.forThisProcess(paths, loaded.file());
        StartResult started = supervisor.start(selected);
        if (!started.ok()) {
            UpCommand.report(spec.commandLine().getOut(), err, List.of(started));
            return ExitCodes.FAILURE;
        }
        if (started.outcome() == StartResult.Outcome.STARTED) {
            err.println("detour: started the bridge for " + selected.name() + " (pid " + started.pid() + ")");
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        String url = BridgeUrl.of(paths, selected);
        env.putAll(AgentEnvironment.variables(url, agentShape, System.getenv()));
        List<String> command = codex
                ? CodexProvider.withOverrides(this.command, selected.name(), url,
                        env.containsKey(CodexProvider.KEY_VAR) ? CodexProvider.KEY_VAR : null)
                : this.command;
        BridgeUrl.warnIfOverridden(err, env);
        err.flush();
        ChildProcess agent;
        try {
            agent = ChildProcess.start(command, env, Path.of("").toAbsolutePath(), ProcessBuilder::inheritIO);
        } catch (IOException e) {
            throw CliFailure.runtime(e.getMessage());
        }
        // Ctrl-C reaches the agent directly from the terminal; this process waits for the agent's own exit.
        SignalHandler previous = Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        Thread forwardTerm = new Thread(() -> agent.process().toHandle().destroy());
        Runtime.getRuntime().addShutdownHook(forwardTerm);
        try {
            return agent.exit().get();
        } catch (ExecutionException e) {
            throw CliFailure.runtime(command.get(0) + ": " + e.getCause().getMessage());
        } finally {
            Signal.handle(new Signal("INT"), previous);
            Runtime.getRuntime().removeShutdownHook(forwardTerm);
        }
    }
}
