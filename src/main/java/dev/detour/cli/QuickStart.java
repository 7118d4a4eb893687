package dev.detour.cli;

import dev.detour.config.ConfigLoader;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;

/**
 * The start path of the commands typed in an incident and of the bridge supervision starts per session: reads their
 * command line itself ({@link QuickArgs}) and runs the command, without building picocli's model, which is half of
 * such a command's time on a fresh JVM (reading the commands' annotations, and picocli's own setup; see
 * scripts/bench-cli). Anything else, help and every error of the command line included, goes to picocli.
 */
public final class QuickStart {
    /** The commands typed in an incident or started per session. */
    static final List<QuickSyntax> HOT = List.of(RerouteCommand.QUICK, StatusCommand.QUICK, BridgeCommand.QUICK);

    private QuickStart() {
    }

    /** Runs {@code args} and returns the exit code, or returns null when picocli should run them. */
    public static Integer run(String[] args) {
        return run(args, writer(System.out, "sun.stdout.encoding"), writer(System.err, "sun.stderr.encoding"));
    }

    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            return ExitCodes.OK;
        }
        QuickArgs parsed = QuickArgs.parse(args, HOT);
        QuickCommand command = parsed == null ? null : command(parsed, err);
        if (command == null) {
            return null;
        }
        ConfigLoader.prepare();
        try {
            return command.run(out, err);
        } catch (Exception e) {
            return ExecutionFailures.report(e, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The command {@code args} name, with their options set as picocli would set them; null when picocli must read a value. */
    static QuickCommand command(QuickArgs args, PrintWriter err) {
        DetourCommand root = new DetourCommand();
        root.configOption = ConfigOption.of(args.config(), err);
        try {
            if (args.syntax() == RerouteCommand.QUICK) {
                return RerouteCommand.quick(root, args);
            }
            if (args.syntax() == StatusCommand.QUICK) {
                return StatusCommand.quick(root, args);
            }
            return BridgeCommand.quick(root, args);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The writer picocli makes for a standard stream ({@code CommandLine.getOut}, {@code getErr}). */
    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset;
        try {
            charset = encoding == null ? Charset.defaultCharset()
                    : Charset.forName("cp65001".equalsIgnoreCase(encoding) ? "UTF-8" : encoding);
        } catch (IllegalArgumentException unknown) {
            charset = Charset.defaultCharset();
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
}
