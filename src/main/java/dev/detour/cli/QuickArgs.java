package dev.detour.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line of a hot command, read as picocli reads it: options before, between and after the positional
 * arguments, {@code --opt VALUE} or {@code --opt=VALUE}, {@code --config} also before the command. {@link #parse}
 * returns null for anything it does not read exactly as picocli would (help, unknown or repeated options, a value
 * or argument that starts with {@code -} or {@code @}, an empty one, {@code --}, a wrong number of arguments):
 * picocli then reads it, and prints its own help or error.
 */
record QuickArgs(QuickSyntax syntax, Path config, Set<String> flags, Map<String, String> values, List<String> positionals) {
    static QuickArgs parse(String[] args, List<QuickSyntax> syntaxes) {
        QuickSyntax syntax = null;
        Set<String> flags = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.isEmpty() || arg.startsWith("@") || arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-")) {
                if (syntax == null) {
                    syntax = find(syntaxes, arg);
                    if (syntax == null) {
                        return null;
                    }
                } else {
                    positionals.add(arg);
                }
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            boolean allowed = syntax == null ? name.equals(QuickSyntax.CONFIG) : syntax.knows(name);
            if (!allowed || flags.contains(name) || values.containsKey(name)) {
                return null;
            }
            if (syntax != null && syntax.flags().contains(name)) {
                if (equals >= 0) {
                    return null;
                }
                flags.add(name);
                continue;
            }
            String value = equals >= 0 ? arg.substring(equals + 1) : i + 1 < args.length ? args[++i] : "";
            if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
                return null;
            }
            values.put(name, value);
        }
        if (syntax == null || positionals.size() < syntax.minPositionals() || positionals.size() > syntax.maxPositionals()) {
            return null;
        }
        Path config;
        try {
            config = values.containsKey(QuickSyntax.CONFIG) ? Path.of(values.remove(QuickSyntax.CONFIG)) : null;
        } catch (InvalidPathException e) {
            return null;
        }
        return new QuickArgs(syntax, config, flags, values, positionals);
    }

    private static QuickSyntax find(List<QuickSyntax> syntaxes, String command) {
        for (QuickSyntax syntax : syntaxes) {
            if (syntax.command().equals(command)) {
                return syntax;
            }
        }
        return null;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    String value(String name) {
        return values.get(name);
    }
}
