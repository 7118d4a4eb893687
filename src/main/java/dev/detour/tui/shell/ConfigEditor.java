package dev.detour.tui.shell;

import dev.detour.tui.model.Words;
import dev.detour.tui.model.Outcome;
import dev.detour.tui.model.Update;

import dev.detour.config.ConfigException;
import dev.detour.config.ConfigLoader;
import dev.detour.config.LoadedConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code $VISUAL} / {@code $EDITOR} (else {@code vi}) on the config in the foreground, then checks the file. */
public final class ConfigEditor {
    private ConfigEditor() {
    }

    public static List<String> command(Map<String, String> env, Path file) {
        String editor = env.getOrDefault("VISUAL", "");
        if (editor.isBlank()) {
            editor = env.getOrDefault("EDITOR", "");
        }
        if (editor.isBlank()) {
            editor = "vi";
        }
        List<String> cmd = new ArrayList<>(List.of(editor.trim().split("\\s+")));
        cmd.add(file.toString());
        return cmd;
    }

    /** Edits with the terminal handed over to the editor; the caller has stopped the screen. */
    public static Outcome edit(Path file, Map<String, String> env) {
        String before = read(file);
        int exit;
        try {
            exit = new ProcessBuilder(command(env, file)).inheritIO().start().waitFor();
        } catch (IOException e) {
            return Outcome.error("cannot start the editor (" + String.join(" ", command(env, file))
                    + "): " + e.getMessage() + "; set $EDITOR");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error("editor interrupted");
        }
        return checked(file, before, exit);
    }

    static Outcome checked(Path file, String before, int exit) {
        String after = read(file);
        try {
            LoadedConfig loaded = ConfigLoader.load(file);
            if (after != null && after.equals(before)) {
                return Outcome.info("config unchanged" + (exit != 0 ? " (editor exited with " + exit + ")" : ""));
            }
            return Outcome.info("config saved and valid: " + Words.plural(loaded.config().sessions().size(), "session")
                    + ", " + Words.plural(loaded.config().upstreams().size(), "upstream") + "; bridges reload it"
                    + (loaded.warnings().isEmpty() ? "" : "; warning: " + loaded.warnings().get(0)));
        } catch (ConfigException e) {
            return Outcome.error(e.getMessage() + " — your edit is kept; bridges keep the last good config; e to fix");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
