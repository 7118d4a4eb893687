package dev.detour.install;

import picocli.CommandLine;

/**
 * The zsh completion: the bash script run by zsh's own bash-completion emulation ({@code bashcompinit}), the way
 * picocli supports zsh, as an autoloaded {@code _detour} function. Its first call defines everything, registers the
 * bash-style completion for later calls and completes the word at hand.
 */
final class ZshCompletion {
    private ZshCompletion() {
    }

    static String script(CommandLine root) {
        String name = root.getCommandName();
        return "#compdef " + name + "\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + BashCompletion.script(root)
                + "_bash_complete -F _" + name + "_names_first -o default\n";
    }
}
