package dev.detour.supervise;

import java.util.List;

/**
 * Whether a command line is detour's bridge for a session. A pid file alone proves nothing: the pid may have been
 * reused by another program, which must never be signalled.
 */
public final class BridgeIdentity {
    public static final String MAIN_CLASS = "dev.detour.Main";

    private BridgeIdentity() {
    }

    /** True for {@code ... dev.detour.Main ... bridge SESSION} or {@code ... -jar detour.jar ... bridge SESSION}. */
    public static boolean isBridge(List<String> argv, String session) {
        int detourAt = -1;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (detourAt < 0 && (arg.equals(MAIN_CLASS) || arg.endsWith(".jar") && i > 0 && argv.get(i - 1).equals("-jar"))) {
                detourAt = i;
            } else if (detourAt >= 0 && arg.equals("bridge") && i + 1 < argv.size() && argv.get(i + 1).equals(session)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code --config FILE} (or {@code --config=FILE}) a detour command line names, or null. */
    public static String configOf(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("--config") && i + 1 < argv.size()) {
                return argv.get(i + 1);
            }
            if (argv.get(i).startsWith("--config=")) {
                return argv.get(i).substring("--config=".length());
            }
        }
        return null;
    }

    /** True for any detour process (the main class or a jar named detour), e.g. to leave detour out of agent lists. */
    public static boolean isDetour(List<String> argv) {
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals(MAIN_CLASS) || arg.endsWith("detour.jar") && i > 0 && argv.get(i - 1).equals("-jar")) {
                return true;
            }
        }
        return false;
    }
}
