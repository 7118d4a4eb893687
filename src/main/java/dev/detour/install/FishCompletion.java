package dev.detour.install;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The fish completion, written from the picocli model (picocli generates bash only): one {@code complete} line per
 * subcommand, option and name slot; session and upstream names come from the config through fish functions.
 */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(CommandLine root) {
        CommandSpec spec = root.getCommandSpec();
        String name = spec.name();
        List<String> lines = new ArrayList<>();
        lines.add("# " + name + " completion for fish, generated from its picocli model by scripts/install");
        lines.add(ShellResource.read("names.fish"));
        lines.add("complete -c " + name + " -f");
        addCommand(lines, name, spec, List.of());
        return String.join("\n", lines) + "\n";
    }

    /** Completions for {@code spec}, reached through the subcommand words in {@code path}. */
    private static void addCommand(List<String> lines, String name, CommandSpec spec, List<String> path) {
        List<CommandSpec> subs = Subcommands.visible(spec);
        String here = condition(path, subs);
        for (CommandSpec sub : subs) {
            lines.add("complete -c " + name + " -n " + quote(here) + " -a " + sub.name() + " -d " + quote(summary(sub)));
        }
        for (OptionSpec option : spec.options()) {
            if (!option.hidden()) {
                lines.add("complete -c " + name + " -n " + quote(here) + optionFlags(option) + values(name, option)
                        + " -d " + quote(firstLine(option.description())));
            }
        }
        for (PositionalParamSpec positional : spec.positionalParameters()) {
            NameKind.of(positional).ifPresent(kind -> {
                String bound = positional.index().max() == Integer.MAX_VALUE ? ""
                        : "; and test (__" + name + "_positionals) -le " + positional.index().max();
                lines.add("complete -c " + name + " -n " + quote(here + bound) + " -a " + quote("(__" + name + "_names "
                        + kind.table() + ")") + " -d " + quote(positional.paramLabel().toLowerCase(java.util.Locale.ROOT)));
            });
        }
        for (CommandSpec sub : subs) {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.name());
            addCommand(lines, name, sub, subPath);
        }
    }

    /** True where the words so far are this command's: its path seen, none of its subcommands yet. */
    private static String condition(List<String> path, List<CommandSpec> subs) {
        List<String> parts = new ArrayList<>();
        if (path.isEmpty()) {
            parts.add("__fish_use_subcommand");
        } else {
            path.forEach(word -> parts.add("__fish_seen_subcommand_from " + word));
            if (!subs.isEmpty()) {
                parts.add("not __fish_seen_subcommand_from " + String.join(" ", subs.stream().map(CommandSpec::name).toList()));
            }
        }
        return String.join("; and ", parts);
    }

    private static String optionFlags(OptionSpec option) {
        StringBuilder flags = new StringBuilder();
        for (String optionName : option.names()) {
            if (optionName.startsWith("--")) {
                flags.append(" -l ").append(optionName.substring(2));
            } else if (optionName.length() == 2) {
                flags.append(" -s ").append(optionName.substring(1));
            } else {
                flags.append(" -o ").append(optionName.substring(1));
            }
        }
        return flags.toString();
    }

    private static String values(String name, OptionSpec option) {
        if (option.arity().max() == 0) {
            return "";
        }
        var kind = NameKind.of(option);
        if (kind.isPresent()) {
            return " -x -a " + quote("(__" + name + "_names " + kind.get().table() + ")");
        }
        if (option.completionCandidates() != null) {
            List<String> candidates = new ArrayList<>();
            option.completionCandidates().forEach(candidates::add);
            return " -x -a " + quote(String.join(" ", candidates));
        }
        return "FILE".equals(option.paramLabel()) ? " -r -F" : " -x";
    }

    private static String summary(CommandSpec spec) {
        return firstLine(spec.usageMessage().description());
    }

    static String firstLine(String[] description) {
        return description.length == 0 ? "" : description[0];
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
