package dev.detour.cli;

import dev.detour.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** The root command. Subcommands are listed here, one line each. */
@Command(name = "detour",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps parallel coding agents working through an upstream outage.",
        subcommands = {
                CommandLine.HelpCommand.class,
                StatusCommand.class,
                RerouteCommand.class,
                FamilyCommand.class,
        })
public final class DetourCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOption configOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /** The command line with detour's exit code conventions: 0 ok, 1 runtime failure, 2 usage or config error. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DetourCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException) {
                commandLine.getErr().println("detour: " + ex.getMessage());
                return ExitCodes.USAGE;
            }
            if (ex instanceof CliFailure failure) {
                commandLine.getErr().println("detour: " + failure.getMessage());
                return failure.exitCode();
            }
            commandLine.getErr().println("detour: " + ex);
            return ExitCodes.FAILURE;
        });
        return cl;
    }
}
