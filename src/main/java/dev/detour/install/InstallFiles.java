package dev.detour.install;

import dev.detour.cli.DetourCommand;
import dev.detour.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files an installed detour needs besides its jar and launcher, all from the picocli model: the bash, zsh
 * and fish completions and one man page per command, under an output folder laid out like a prefix's
 * {@code share/}. Prints each file's path relative to that folder, one a line. Run by scripts/install:
 * {@code java -cp detour.jar dev.detour.install.InstallFiles DIR}.
 */
public final class InstallFiles {
    private InstallFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp detour.jar " + InstallFiles.class.getName() + " OUTPUT_DIR");
            System.exit(2);
        }
        for (Path written : write(Path.of(args[0]))) {
            System.out.println(written);
        }
    }

    /** Writes every file under {@code dir}; returns their paths relative to it. */
    public static List<Path> write(Path dir) throws IOException {
        CommandLine root = DetourCommand.commandLine();
        String name = root.getCommandName();
        List<Path> written = new ArrayList<>();
        written.add(write(dir, Path.of("bash-completion", "completions", name), BashCompletion.script(root)));
        written.add(write(dir, Path.of("zsh", "site-functions", "_" + name), ZshCompletion.script(root)));
        written.add(write(dir, Path.of("fish", "vendor_completions.d", name + ".fish"), FishCompletion.script(root)));
        for (CommandSpec spec : Subcommands.tree(root.getCommandSpec())) {
            written.add(write(dir, Path.of("man", "man1", ManPage.fileName(spec)), ManPage.render(spec, VersionProvider.version())));
        }
        return written;
    }

    private static Path write(Path dir, Path relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return relative;
    }
}
