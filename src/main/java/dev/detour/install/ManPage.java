package dev.detour.install;

import dev.detour.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A man page (roff, man(7) macros) for one command, written from the same picocli model as its {@code --help}, so
 * the two cannot drift. picocli-codegen's ManPageGenerator writes AsciiDoc, which needs Asciidoctor (Ruby, or
 * AsciidoctorJ with JRuby) to become a man page; the few macros a page needs are written here instead.
 */
final class ManPage {
    private ManPage() {
    }

    /** The page's file name: {@code detour.1}, {@code detour-reroute.1}, {@code detour-sim-fault.1}. */
    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String render(CommandSpec spec, String version) {
        StringBuilder page = new StringBuilder();
        String pageName = pageName(spec);
        page.append(".TH ").append(escape(pageName.toUpperCase(Locale.ROOT))).append(" 1 \"\" \"")
                .append(escape(spec.root().name() + " " + version)).append("\" \"User Commands\"\n");
        page.append(".SH NAME\n").append(escape(pageName)).append(" \\- ")
                .append(escape(FishCompletion.firstLine(spec.usageMessage().description()))).append('\n');
        page.append(".SH SYNOPSIS\n.nf\n").append(escape(synopsis(spec))).append("\n.fi\n");
        page.append(".SH DESCRIPTION\n");
        for (String line : spec.usageMessage().description()) {
            page.append(escape(line)).append("\n.br\n");
        }
        List<CommandSpec> subs = Subcommands.visible(spec);
        if (!subs.isEmpty()) {
            page.append(".SH COMMANDS\n");
            for (CommandSpec sub : subs) {
                page.append(".TP\n\\fB").append(escape(sub.name())).append("\\fR\n")
                        .append(escape(String.join(" ", sub.usageMessage().description())))
                        .append(" See \\fB").append(escape(pageName(sub))).append("\\fR(1).\n");
            }
        }
        if (!spec.positionalParameters().isEmpty()) {
            page.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec positional : spec.positionalParameters()) {
                page.append(".TP\n\\fI").append(escape(positional.paramLabel())).append("\\fR")
                        .append(positional.arity().max() > 1 ? "..." : "").append('\n')
                        .append(escape(String.join(" ", positional.description()))).append('\n');
            }
        }
        page.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            page.append(".TP\n").append(optionTerm(option)).append('\n')
                    .append(escape(String.join(" ", option.description()))).append('\n');
        }
        page.append(".SH EXIT STATUS\n.TP\n").append(ExitCodes.OK).append("\nsuccess\n.TP\n").append(ExitCodes.FAILURE)
                .append("\na runtime failure (a bridge that would not start, an unreachable upstream, ...)\n.TP\n")
                .append(ExitCodes.USAGE).append("\na usage or config error (the message names the file, line and key)\n");
        if (spec.parent() == null) {
            page.append(ShellResource.read("man-root-sections.roff"));
        }
        page.append(".SH SEE ALSO\n").append(seeAlso(spec)).append('\n');
        return page.toString();
    }

    private static String synopsis(CommandSpec spec) {
        CommandLine.Help help = new CommandLine.Help(spec, new CommandLine.Help.ColorScheme.Builder(CommandLine.Help.Ansi.OFF).build());
        return help.synopsis(0).stripTrailing();
    }

    private static String optionTerm(OptionSpec option) {
        List<String> names = new ArrayList<>();
        for (String name : option.names()) {
            String term = "\\fB" + escape(name) + "\\fR";
            if (option.arity().max() > 0) {
                term += "=\\fI" + escape(option.paramLabel()) + "\\fR";
            }
            names.add(term);
        }
        return String.join(", ", names);
    }

    private static String seeAlso(CommandSpec spec) {
        List<String> pages = new ArrayList<>();
        if (spec.parent() != null) {
            pages.add("\\fB" + escape(pageName(spec.parent())) + "\\fR(1)");
        }
        for (CommandSpec sub : Subcommands.visible(spec)) {
            pages.add("\\fB" + escape(pageName(sub)) + "\\fR(1)");
        }
        return String.join(", ", pages);
    }

    /** Text safe for roff: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder out = new StringBuilder();
        for (String line : escaped.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.startsWith(".") || line.startsWith("'") ? "\\&" + line : line);
        }
        return out.toString();
    }
}
