package dev.detour.install;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** The commands a user types: every subcommand under a command, depth first, without hidden ones and picocli's help. */
final class Subcommands {
    private Subcommands() {
    }

    /** The direct subcommands of {@code spec} that are shown in its help. */
    static List<CommandSpec> visible(CommandSpec spec) {
        List<CommandSpec> visible = new ArrayList<>();
        for (CommandLine sub : new java.util.LinkedHashSet<>(spec.subcommands().values())) {
            CommandSpec subSpec = sub.getCommandSpec();
            if (!subSpec.usageMessage().hidden() && !(subSpec.userObject() instanceof CommandLine.HelpCommand)) {
                visible.add(subSpec);
            }
        }
        return visible;
    }

    /** {@code spec} and every visible command below it, depth first. */
    static List<CommandSpec> tree(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>(List.of(spec));
        for (CommandSpec sub : visible(spec)) {
            all.addAll(tree(sub));
        }
        return all;
    }
}
