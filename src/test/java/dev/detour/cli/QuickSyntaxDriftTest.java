package dev.detour.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The quick start reads the hot commands as their picocli model says: every option of the model is known to it with
 * the same arity or makes it hand the line to picocli; it knows no option the model lacks; it takes as many
 * positional arguments; and every line it reads sets the command's fields as picocli sets them.
 */
class QuickSyntaxDriftTest {
    private static CommandSpec model(QuickSyntax syntax) {
        return DetourCommand.commandLine().getSubcommands().get(syntax.command()).getCommandSpec();
    }

    @Test
    void everyOptionOfTheModelIsKnownWithItsArityOrFallsBack() {
        for (QuickSyntax syntax : QuickStart.HOT) {
            CommandSpec spec = model(syntax);
            for (OptionSpec option : spec.options()) {
                boolean takesValue = option.arity().max() > 0;
                for (String name : option.names()) {
                    if (syntax.knows(name)) {
                        assertEquals(takesValue, syntax.takesValue(name), syntax.command() + " " + name);
                        assertEquals(takesValue ? 1 : 0, option.arity().min(), syntax.command() + " " + name);
                        assertEquals(takesValue ? 1 : 0, option.arity().max(), syntax.command() + " " + name);
                    } else {
                        List<String> line = new ArrayList<>(minimalLine(syntax));
                        line.add(name);
                        if (takesValue) {
                            line.add("1");
                        }
                        assertNull(QuickArgs.parse(line.toArray(String[]::new), QuickStart.HOT),
                                syntax.command() + ": " + name + " is not known, so picocli must read it");
                    }
                }
            }
            Set<String> known = new TreeSet<>(syntax.flags());
            known.addAll(syntax.valued());
            known.add(QuickSyntax.CONFIG);
            for (String name : known) {
                assertNotNull(spec.findOption(name), syntax.command() + " has no option " + name);
            }
            int min = 0;
            int max = 0;
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                min += positional.arity().min();
                max = max == Integer.MAX_VALUE || positional.arity().max() == Integer.MAX_VALUE
                        ? Integer.MAX_VALUE : max + positional.arity().max();
            }
            assertEquals(min, syntax.minPositionals(), syntax.command());
            assertEquals(max, syntax.maxPositionals(), syntax.command());
        }
    }

    @Test
    void defaultsAreThePicocliDefaults() {
        assertEquals(model(StatusCommand.QUICK).findOption("--timeout").defaultValue(), StatusCommand.DEFAULT_TIMEOUT);
        assertEquals(model(BridgeCommand.QUICK).findOption("--drain-timeout").defaultValue(), BridgeCommand.DEFAULT_DRAIN_SECONDS);
    }

    @Test
    void everyLineItReadsSetsTheFieldsPicocliSets() throws Exception {
        int read = 0;
        for (QuickSyntax syntax : QuickStart.HOT) {
            for (List<String> line : lines(syntax)) {
                String[] args = line.toArray(String[]::new);
                QuickArgs quick = QuickArgs.parse(args, QuickStart.HOT);
                assertNotNull(quick, String.join(" ", line));
                Object viaQuick = QuickStart.command(quick, new PrintWriter(new StringWriter()));
                CommandLine cl = DetourCommand.commandLine(args);
                Object viaPicocli = cl.parseArgs(args).subcommand().commandSpec().userObject();
                assertSameFields(viaPicocli, viaQuick, String.join(" ", line));
                read++;
            }
        }
        assertTrue(read >= 80, "lines read: " + read);
    }

    @Test
    void linesItDoesNotReadExactlyGoToPicocli() {
        for (String line : List.of("reroute --to x", "reroute a --to", "reroute a --to -x", "reroute a --to=", "reroute a --to x --to y",
                "reroute a --team --team", "reroute a --team=true --to x", "reroute a --bogus", "reroute -h", "reroute a --help",
                "reroute a -- --to", "reroute @args", "reroute '' --to x", "--config a reroute b --to c --config d",
                "--read-only reroute a --to b", "status extra", "status --timeout abc", "status --timeout", "status -V",
                "bridge", "bridge a b", "bridge a --drain-timeout 1.5", "bridge a --drain-timeout -1", "--help", "--version x",
                "help reroute", "family a --to openai", "up", "reroutee a --to b", "")) {
            String[] args = line.isEmpty() ? new String[0] : line.replace("''", "\u0000").split(" ");
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace("\u0000", "");
            }
            QuickArgs quick = QuickArgs.parse(args, QuickStart.HOT);
            assertTrue(quick == null || QuickStart.command(quick, new PrintWriter(new StringWriter())) == null, line);
        }
    }

    /** Lines picocli reads: each option alone and all of them, spelled {@code --opt V} and {@code --opt=V}, before and after the arguments. */
    private static List<List<String>> lines(QuickSyntax syntax) {
        List<String> positionals = syntax.maxPositionals() == 0 ? List.of()
                : syntax.maxPositionals() == 1 ? List.of("main") : List.of("main", "review");
        List<List<String>> optionSets = new ArrayList<>();
        optionSets.add(List.of());
        for (String flag : syntax.flags()) {
            optionSets.add(List.of(flag));
        }
        List<String> all = new ArrayList<>(syntax.flags());
        for (String valued : new TreeSet<>(syntax.valued())) {
            optionSets.add(List.of(valued, value(valued)));
            optionSets.add(List.of(valued + "=" + value(valued)));
            all.add(valued);
            all.add(value(valued));
        }
        optionSets.add(all);
        optionSets.add(List.of(QuickSyntax.CONFIG, "/tmp/a b.toml"));
        List<List<String>> lines = new ArrayList<>();
        for (List<String> options : optionSets) {
            for (int placement = 0; placement < (options.contains(QuickSyntax.CONFIG) ? 3 : 4); placement++) {
                List<String> line = new ArrayList<>();
                if (placement == 3) {
                    line.addAll(List.of(QuickSyntax.CONFIG + "=/etc/detour.toml"));
                }
                line.add(syntax.command());
                if (placement == 0 || placement == 3) {
                    line.addAll(options);
                    line.addAll(positionals);
                } else if (placement == 1) {
                    line.addAll(positionals);
                    line.addAll(options);
                } else if (!positionals.isEmpty()) {
                    line.add(positionals.get(0));
                    line.addAll(options);
                    line.addAll(positionals.subList(1, positionals.size()));
                } else {
                    continue;
                }
                lines.add(line);
            }
        }
        if (syntax.maxPositionals() > 1) {
            lines.add(List.of(syntax.command(), "one", "two", "three", "--to", "x"));
        }
        return lines;
    }

    private static String value(String option) {
        return switch (option) {
            case "--timeout" -> "0.25";
            case "--drain-timeout" -> "7";
            case "--for" -> "30m";
            case "--reason" -> "upstream down: failing over";
            default -> "openai";
        };
    }

    private static List<String> minimalLine(QuickSyntax syntax) {
        List<String> line = new ArrayList<>(List.of(syntax.command()));
        for (int i = 0; i < syntax.minPositionals(); i++) {
            line.add("s" + i);
        }
        if (syntax == RerouteCommand.QUICK) {
            line.addAll(List.of("--to", "x"));
        }
        return line;
    }

    /** The fields a command's run reads, compared through the objects of this package they hold; picocli's own left out. */
    private static void assertSameFields(Object expected, Object actual, String line) throws IllegalAccessException {
        assertEquals(expected.getClass(), actual.getClass(), line);
        for (Field field : expected.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getType().getName().startsWith("picocli.")
                    || field.getType() == PrintWriter.class) {
                continue;
            }
            field.setAccessible(true);
            Object a = field.get(expected);
            Object b = field.get(actual);
            if (a != null && b != null && a.getClass().getPackage() == QuickSyntax.class.getPackage()) {
                assertSameFields(a, b, line + " (" + field.getName() + ")");
            } else if (!java.util.Objects.equals(a, b)) {
                fail(line + ": " + field.getName() + " is " + b + " from the quick start, " + a + " from picocli");
            }
        }
    }
}
