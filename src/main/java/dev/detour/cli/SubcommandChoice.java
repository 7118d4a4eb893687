package dev.detour.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/**
 * Which subcommands a command line needs built: the one it names (its first word that is neither a root option nor
 * an option's value); none when it names none and asks for no help (the dashboard, {@code --version}); all of them
 * for help and for a word that names no subcommand (picocli then suggests the nearest).
 */
final class SubcommandChoice {
    private SubcommandChoice() {
    }

    static List<Class<?>> needed(String[] args, CommandSpec root, List<Class<?>> subcommands) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("-")) {
                return subcommands.stream()
                        .filter(type -> type != CommandLine.HelpCommand.class && arg.equals(nameOf(type)))
                        .findFirst()
                        .<List<Class<?>>>map(List::of)
                        .orElse(subcommands);
            }
            OptionSpec option = root.findOption(arg);
            if (option != null && option.usageHelp()) {
                return subcommands;
            }
            if (option != null && option.arity().max() > 0) {
                i++;
            }
        }
        return List.of();
    }

    private static String nameOf(Class<?> type) {
        CommandLine.Command command = type.getAnnotation(CommandLine.Command.class);
        return command != null ? command.name() : "";
    }
}
