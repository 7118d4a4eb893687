package dev.detour.supervise;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Which tmux pane a process runs in: {@code tmux list-panes -a} maps each pane's shell pid to its address. */
public final class TmuxPanes {
    static final String FORMAT = "#{pane_pid} #{session_name}:#{window_index}.#{pane_index}";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Map<Long, String> paneByPid;

    public TmuxPanes(Map<Long, String> paneByPid) {
        this.paneByPid = Map.copyOf(paneByPid);
    }

    /** The panes of the tmux server this user reaches by default; none when tmux is absent or not running. */
    public static TmuxPanes list() {
        return list(null);
    }

    /** The panes of the tmux server at {@code socket} ({@code tmux -S}), or of the default server when null. */
    public static TmuxPanes list(Path socket) {
        CommandLine command = new CommandLine("tmux");
        if (socket != null) {
            command.addArgument("-S", false);
            command.addArgument(socket.toString(), false);
        }
        command.addArgument("list-panes", false);
        command.addArgument("-a", false);
        command.addArgument("-F", false);
        command.addArgument(FORMAT, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(new PumpStreamHandler(out, new ByteArrayOutputStream())).get();
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(TIMEOUT).get());
        executor.setExitValues(null);
        try {
            int exit = executor.execute(command);
            return new TmuxPanes(exit == 0 ? parse(out.toString(StandardCharsets.UTF_8)) : Map.of());
        } catch (IOException noTmux) {
            return new TmuxPanes(Map.of());
        }
    }

    /** Parses lines of {@code PANE_PID SESSION:WINDOW.PANE}; lines that do not fit are skipped. */
    static Map<Long, String> parse(String output) {
        Map<Long, String> panes = new HashMap<>();
        for (String line : output.split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                panes.put(Long.parseLong(line.substring(0, space).trim()), line.substring(space + 1).trim());
            } catch (NumberFormatException ignored) {
                // not a pane line
            }
        }
        return panes;
    }

    /** The pane of {@code pid} or of its nearest ancestor that is a pane's process, or null. */
    public String paneOf(long pid, Map<Long, Long> parentOf) {
        long current = pid;
        for (int depth = 0; depth < 64 && current > 1; depth++) {
            String pane = paneByPid.get(current);
            if (pane != null) {
                return pane;
            }
            Long parent = parentOf.get(current);
            if (parent == null) {
                return null;
            }
            current = parent;
        }
        return null;
    }

    public boolean isEmpty() {
        return paneByPid.isEmpty();
    }
}
