package dev.detour.health;

import dev.detour.config.Config;
import dev.detour.config.Upstream;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The pure judgements behind {@code detour doctor}: each turns facts already gathered into findings. */
public final class SetupChecks {
    /** Above this, Esc reaches the dashboard noticeably late inside tmux. */
    public static final int MAX_ESCAPE_TIME_MS = 50;

    private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> GROUP_OTHER_ANY = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SetupChecks() {
    }

    /** The config must not be writable by others: whoever can write it can reroute the user's traffic. */
    public static Finding configPermissions(Path file, Set<PosixFilePermission> mode) {
        if (!intersects(mode, GROUP_OTHER_WRITE)) {
            return Finding.ok("config", file + " is writable only by you (" + PosixFilePermissions.toString(mode) + ")");
        }
        return Finding.problem("config", file + " is writable by group or others (" + PosixFilePermissions.toString(mode)
                + "): they could reroute your traffic; run chmod 600 " + file);
    }

    /**
     * The state dir holds the bridges' tokens: it and every token file must be private.
     *
     * @param dirMode    the state dir's mode, or null when it does not exist yet
     * @param tokenModes token file to its mode
     */
    public static List<Finding> statePermissions(Path stateDir, Set<PosixFilePermission> dirMode,
                                                 Map<Path, Set<PosixFilePermission>> tokenModes) {
        List<Finding> out = new ArrayList<>();
        if (dirMode == null) {
            out.add(Finding.ok("state", stateDir + " does not exist yet (created private on first use)"));
            return out;
        }
        if (intersects(dirMode, GROUP_OTHER_ANY)) {
            out.add(Finding.problem("state", stateDir + " is open to group or others (" + PosixFilePermissions.toString(dirMode)
                    + "): it holds the bridges' tokens; run chmod 700 " + stateDir));
        } else {
            out.add(Finding.ok("state", stateDir + " is private (" + PosixFilePermissions.toString(dirMode) + ")"));
        }
        tokenModes.forEach((file, mode) -> {
            if (intersects(mode, GROUP_OTHER_ANY)) {
                out.add(Finding.problem("state", file + " is readable by group or others ("
                        + PosixFilePermissions.toString(mode) + "): anyone with it can use the bridge; run chmod 600 " + file));
            }
        });
        return out;
    }

    /** Every variable named by an {@code auth = "env:VAR"} must be set (its value is never shown). */
    public static List<Finding> keys(Config config, Map<String, String> env) {
        List<Finding> out = new ArrayList<>();
        for (Upstream u : config.upstreams().values()) {
            u.authEnvVar().ifPresent(var -> {
                String value = env.get(var);
                out.add(value != null && !value.isBlank()
                        ? Finding.ok("key", u.name() + ": " + var + " is set")
                        : Finding.problem("key", u.name() + ": " + var + " is not set (auth = \"env:" + var
                        + "\"): export it where bridges start, or the bridge skips " + u.name()));
            });
        }
        return out;
    }

    /** One line per upstream probe: every rung with its time, or the rung that failed and why. */
    public static Finding ladder(String upstream, ProbeResult probe) {
        String rungs = String.join(", ", probe.rungLines());
        if (probe.failureClass() == null) {
            return Finding.problem("ladder", upstream + ": unknown (" + probe.reason() + ")");
        }
        if (probe.ok()) {
            return Finding.ok("ladder", upstream + ": " + rungs);
        }
        return Finding.problem("ladder", upstream + ": " + probe.failureClass().word() + " at "
                + (probe.failedRung() == null ? "http" : probe.failedRung().word()) + ": " + probe.reason()
                + (rungs.isEmpty() ? "" : " [" + rungs + "]"));
    }

    public static Finding edge(EdgeVerdict edge, List<ProbeResult> controls) {
        if (edge.edge()) {
            return Finding.problem("edge", "edge failure: " + edge.reason()
                    + " — rerouting will not help; check your network, VPN or firewall");
        }
        long reachable = controls.stream().filter(EdgeVerdict::reachable).count();
        return Finding.ok("edge", "network: " + reachable + " of " + controls.size() + " control hosts reachable");
    }

    /**
     * tmux delays Esc by {@code escape-time}.
     *
     * @param escapeTime the output of {@code tmux show -sv escape-time}, or null when no tmux server runs
     */
    public static Finding tmux(String escapeTime) {
        if (escapeTime == null) {
            return Finding.ok("tmux", "tmux is not running here: nothing to check");
        }
        int ms;
        try {
            ms = Integer.parseInt(escapeTime.strip());
        } catch (NumberFormatException e) {
            return Finding.problem("tmux", "tmux escape-time is \"" + escapeTime.strip() + "\", not a number");
        }
        if (ms > MAX_ESCAPE_TIME_MS) {
            return Finding.problem("tmux", "tmux escape-time is " + ms + " ms: Esc reaches the dashboard late; "
                    + "add `set -sg escape-time 25` to ~/.tmux.conf");
        }
        return Finding.ok("tmux", "tmux escape-time is " + ms + " ms");
    }

    private static boolean intersects(Set<PosixFilePermission> a, Set<PosixFilePermission> b) {
        for (PosixFilePermission p : b) {
            if (a.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
