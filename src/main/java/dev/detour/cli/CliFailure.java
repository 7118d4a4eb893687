package dev.detour.cli;

/** A failure a command reports as one line on stderr with its exit code, without a stack trace. */
public class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }

    public static CliFailure runtime(String message) {
        return new CliFailure(ExitCodes.FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
