package dev.detour.cli;

import java.util.Set;

/**
 * What the quick start ({@link QuickStart}) reads of one command without picocli: its flags, its options that take
 * one value, and how many positional arguments it takes. A command line with anything else goes to picocli.
 * QuickSyntaxDriftTest holds these to the picocli model of each command.
 */
record QuickSyntax(String command, Set<String> flags, Set<String> valued, int minPositionals, int maxPositionals) {
    /** The option every command inherits from the root. */
    static final String CONFIG = "--config";

    boolean takesValue(String option) {
        return valued.contains(option) || option.equals(CONFIG);
    }

    boolean knows(String option) {
        return flags.contains(option) || takesValue(option);
    }
}
