package dev.detour.cli;

import dev.detour.config.ConfigException;
import dev.detour.config.DetourPaths;
import dev.detour.config.LoadedConfig;
import dev.detour.config.Session;
import dev.detour.supervise.AgentEnvironment;
import dev.detour.supervise.CodexProvider;
import dev.detour.supervise.Supervisor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print the shell exports that point an agent at a session's bridge.",
                "  eval \"$(detour env main)\"        (sh, bash, zsh)",
                "  detour env main --shell fish | source",
                "Only the base URL is set: agents keep their own credential.",
                "--shape bedrock|vertex: for Claude Code in Bedrock or Vertex mode (the bridge",
                "  authenticates to its upstreams, so the cloud auth of the agent is skipped).",
                "  detour env main --agent codex    the config.toml provider and profile for Codex"})
public final class EnvCommand implements Callable<Integer> {
    @ParentCommand
    DetourCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SESSION", description = "The session")
    String session;

    @Option(names = "--shell", paramLabel = "SHELL", defaultValue = "sh",
            description = "sh (also bash, zsh) or fish (default: ${DEFAULT-VALUE})")
    String shell;

    @Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "messages",
            description = "messages (default), bedrock or vertex: the API shape the agent speaks")
    String shape;

    @Option(names = "--agent", paramLabel = "AGENT", defaultValue = "claude",
            description = "claude (shell exports, default) or codex (a config.toml provider table and profile)")
    String agent;

    /** The shape named by --shape, or a usage error. */
    static AgentEnvironment.Shape shape(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "messages", "anthropic" -> AgentEnvironment.Shape.MESSAGES;
            case "bedrock" -> AgentEnvironment.Shape.BEDROCK;
            case "vertex" -> AgentEnvironment.Shape.VERTEX;
            default -> throw CliFailure.usage("--shape must be messages, bedrock or vertex, got '" + text + "'");
        };
    }

    @Override
    public Integer call() throws ConfigException {
        AgentEnvironment.Shape agentShape = shape(shape);
        boolean codex = switch (agent.toLowerCase(Locale.ROOT)) {
            case "claude" -> false;
            case "codex" -> true;
            default -> throw CliFailure.usage("--agent must be claude or codex, got '" + agent + "'");
        };
        if (codex && agentShape != AgentEnvironment.Shape.MESSAGES) {
            throw CliFailure.usage("--shape is for Claude Code; Codex speaks the Responses API (drop --shape or --agent codex)");
        }
        AgentEnvironment.Shell syntax = switch (shell.toLowerCase(Locale.ROOT)) {
            case "sh", "bash", "zsh" -> AgentEnvironment.Shell.SH;
            case "fish" -> AgentEnvironment.Shell.FISH;
            default -> throw CliFailure.usage("--shell must be sh or fish, got '" + shell + "'");
        };
        LoadedConfig loaded = root.configOption.load();
        Session selected = SessionSelection.one(loaded, session);
        DetourPaths paths = DetourPaths.system();
        Supervisor supervisor = Supervisor.forThisProcess(paths, loaded.file());
        supervisor.servesAnotherConfig(selected.name()).ifPresent(clash -> {
            throw CliFailure.runtime(selected.name() + ": " + clash);
        });
        String url = BridgeUrl.of(paths, selected);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.print(codex ? CodexProvider.configToml(selected.name(), url, CodexProvider.KEY_VAR)
                : AgentEnvironment.exports(AgentEnvironment.variables(url, agentShape, System.getenv()), syntax));
        out.flush();
        if (!supervisor.state(selected).running()) {
            err.println("detour: note: the bridge for " + selected.name() + " is not running; start it with "
                    + "`detour up " + selected.name() + "`");
        }
        if (!codex) {
            BridgeUrl.warnIfOverridden(err, System.getenv());
        }
        err.flush();
        return ExitCodes.OK;
    }
}
