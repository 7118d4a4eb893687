package dev.detour.install;

import dev.detour.cli.DetourCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstallFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandGetsAManPageThatNamesEachOfItsOptions() throws Exception {
        List<Path> written = InstallFiles.write(dir);
        for (CommandSpec spec : Subcommands.tree(DetourCommand.commandLine().getCommandSpec())) {
            Path page = dir.resolve("man/man1/" + ManPage.fileName(spec));
            assertTrue(written.contains(dir.relativize(page)), page.toString());
            String roff = Files.readString(page);
            assertTrue(roff.startsWith(".TH " + ManPage.escape(ManPage.pageName(spec).toUpperCase()) + " 1"), roff);
            for (OptionSpec option : spec.options()) {
                if (!option.hidden()) {
                    assertTrue(roff.contains("\\fB" + ManPage.escape(option.longestName()) + "\\fR"),
                            spec.qualifiedName() + " " + option.longestName());
                }
            }
        }
        assertTrue(Files.readString(dir.resolve("man/man1/detour.1")).contains("See \\fBdetour\\-reroute\\fR(1)"));
    }

    @Test
    void completionsCompleteSessionsAndUpstreamsFromTheConfigWhereTheModelSaysSo() throws Exception {
        InstallFiles.write(dir);
        String bash = Files.readString(dir.resolve("bash-completion/completions/detour"));
        assertTrue(bash.contains("\"reroute --to\") kind=upstreams ;;"), bash);
        assertTrue(bash.contains("reroute) (( positional >= 0 )) && kind=sessions ;;"), bash);
        assertTrue(bash.contains("env) (( positional >= 0 && positional <= 0 )) && kind=sessions ;;"), bash);
        assertTrue(bash.endsWith("complete -F _detour_names_first -o default detour\n"), bash);

        String zsh = Files.readString(dir.resolve("zsh/site-functions/_detour"));
        assertTrue(zsh.startsWith("#compdef detour\n") && zsh.endsWith("_bash_complete -F _detour_names_first -o default\n"));

        String fish = Files.readString(dir.resolve("fish/vendor_completions.d/detour.fish"));
        assertTrue(fish.contains("complete -c detour -n '__fish_seen_subcommand_from reroute' -l to -x -a '(__detour_names upstreams)'"), fish);
        assertTrue(fish.contains("-a 'anthropic openai'"), "family --to offers the families: " + fish);
    }

    @Test
    void roffEscapesHyphensBackslashesAndLeadingDots() {
        assertEquals("a\\-b \\e n\n\\&.TH", ManPage.escape("a-b \\ n\n.TH"));
    }
}
