package dev.detour.supervise;

import java.util.Map;

/** Words for how a process ended, from the exit value Java reports (128 + N when signal N ended it). */
public final class ExitDescription {
    private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT",
            9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE", 15, "SIGTERM");

    private ExitDescription() {
    }

    /** E.g. {@code exit code 1}, {@code signal 9 (SIGKILL)}, or, when the exit value is unknown, a sentence why. */
    public static String describe(Integer exitValue) {
        if (exitValue == null) {
            return "exit status unknown (it was not started by this process)";
        }
        if (exitValue > 128 && exitValue < 128 + 65) {
            int signal = exitValue - 128;
            return "signal " + signal + (SIGNALS.containsKey(signal) ? " (" + SIGNALS.get(signal) + ")" : "");
        }
        return "exit code " + exitValue;
    }
}
