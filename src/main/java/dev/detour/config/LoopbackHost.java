package dev.detour.config;

import java.util.Locale;
import java.util.regex.Pattern;

/** Whether a URL's host is this machine, the one place plain http may go. */
final class LoopbackHost {
    private static final Pattern LOOPBACK_V4 =
            Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private LoopbackHost() {
    }

    /** An IP literal in 127.0.0.0/8, {@code ::1}, or {@code localhost}: never a name that merely starts with 127. */
    static boolean is(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || LOOPBACK_V4.matcher(h).matches();
    }
}
