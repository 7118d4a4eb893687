package dev.detour.cli;

import dev.detour.config.ConfigException;

import java.io.PrintWriter;

/** How a command's exception ends it, on either start path: one line on stderr and the exit code (2 for config errors). */
final class ExecutionFailures {
    private ExecutionFailures() {
    }

    static int report(Exception ex, PrintWriter err) {
        if (ex instanceof ConfigException) {
            err.println("detour: " + ex.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof CliFailure failure) {
            err.println("detour: " + failure.getMessage());
            return failure.exitCode();
        }
        err.println("detour: " + ex);
        return ExitCodes.FAILURE;
    }
}
