package dev.detour.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

/** The root command. Subcommands are listed in {@link #SUBCOMMANDS}, one line each. */
@Command(name = "detour",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Keeps parallel coding agents working through an upstream outage.",
                "Without a command: the dashboard (keys: ? inside it)."})
public final class DetourCommand implements Callable<Integer> {
    /** Every subcommand, in the order of the help's command list. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            StatusCommand.class,
            DoctorCommand.class,
            RerouteCommand.class,
            FamilyCommand.class,
            UpCommand.class,
            DownCommand.class,
            RestartCommand.class,
            EnvCommand.class,
            RunCommand.class,
            BridgeCommand.class,
            SimCommand.class,
            DemoCommand.class);

    @CommandLine.Mixin
    ConfigOption configOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--read-only", description = "Dashboard: look only; every key that changes something is off.")
    boolean readOnly;

    @CommandLine.Option(names = "--no-color", description = "Dashboard: no colours (also when NO_COLOR is set).")
    boolean noColor;

    @Override
    public Integer call() throws Exception {
        return DashboardLauncher.dashboard(configOption, readOnly, noColor);
    }

    /** The command line with every subcommand and detour's exit codes: 0 ok, 1 runtime failure, 2 usage or config error. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS);
    }

    /**
     * The command line for these arguments, with only the subcommands they need ({@link SubcommandChoice}): picocli
     * reads the annotations of every command it is given, which is a third of a short command's time
     * (scripts/bench-cli).
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine root = withSubcommands(List.of());
        return addSubcommands(root, SubcommandChoice.needed(args, root.getCommandSpec(), SUBCOMMANDS));
    }

    private static CommandLine withSubcommands(List<Class<?>> subcommands) {
        return addSubcommands(withExitCodes(new CommandLine(new DetourCommand())), subcommands);
    }

    private static CommandLine addSubcommands(CommandLine root, List<Class<?>> subcommands) {
        subcommands.forEach(root::addSubcommand);
        return root;
    }

    private static CommandLine withExitCodes(CommandLine cl) {
        CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> {
            if (ex instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine() == cl
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                List<String> suggestions = u.getSuggestions();
                cl.getErr().println("detour: unknown command \"" + u.getUnmatched().get(0) + "\""
                        + (suggestions.isEmpty() ? "" : "; did you mean: " + suggestions.stream()
                                .map(x -> "detour " + x).collect(java.util.stream.Collectors.joining(" or ")) + "?")
                        + " (detour --help lists the commands)");
                return ExitCodes.USAGE;
            }
            return standard.handleParseException(ex, args);
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> ExecutionFailures.report(ex, commandLine.getErr()));
        return cl;
    }
}
