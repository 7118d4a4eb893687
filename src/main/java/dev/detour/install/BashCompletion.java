package dev.detour.install;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The bash completion script: picocli's (commands, options, option values it knows) with a dispatcher in front
 * that completes session and upstream names from the user's config, read by the shell without starting a JVM.
 * Which arguments take which names comes from the same picocli model ({@link NameKind}).
 */
final class BashCompletion {
    private BashCompletion() {
    }

    static String script(CommandLine root) {
        String name = root.getCommandName();
        return AutoComplete.bash(name, root) + ShellResource.read("names.bash") + "\n" + dispatcher(root.getCommandSpec())
                + "complete -F _" + name + "_names_first -o default " + name + "\n";
    }

    private static String dispatcher(CommandSpec root) {
        String name = root.name();
        List<String> valueOptions = new ArrayList<>();
        List<String> nameOptions = new ArrayList<>();
        List<String> namePositionals = new ArrayList<>();
        valueOptions.addAll(valueOptionCases("", root));
        for (CommandSpec sub : Subcommands.visible(root)) {
            valueOptions.addAll(valueOptionCases(sub.name(), sub));
            for (OptionSpec option : sub.options()) {
                NameKind.of(option).ifPresent(kind -> java.util.Arrays.asList(option.names()).forEach(optionName ->
                        nameOptions.add("    \"" + sub.name() + " " + optionName + "\") kind=" + kind.table() + " ;;")));
            }
            for (PositionalParamSpec positional : sub.positionalParameters()) {
                NameKind.of(positional).ifPresent(kind -> namePositionals.add("      " + sub.name() + ") (( "
                        + positionRange(positional) + " )) && kind=" + kind.table() + " ;;"));
            }
        }
        return """
                # _%1$s_takes_value COMMAND OPTION: whether OPTION of COMMAND (empty: the top level) takes a value
                _%1$s_takes_value() {
                  case "$1 $2" in
                %2$s
                  esac
                  return 1
                }

                # Completes session and upstream names where the command line wants one; anything else goes to picocli's.
                _%1$s_names_first() {
                  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
                  [ "$prev" = "=" ] && prev=${COMP_WORDS[COMP_CWORD-2]}
                  local cmd="" positional=0 skip=0 i word
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    if ((skip)); then
                      [ "$word" = "=" ] || skip=0
                      continue
                    fi
                    [ "$word" = "--" ] && return 0
                    if [[ $word == -* ]]; then
                      _%1$s_takes_value "$cmd" "${word%%%%=*}" && [[ $word != *=* ]] && skip=1
                      continue
                    fi
                    if [ -z "$cmd" ]; then cmd=$word; else ((positional++)); fi
                  done
                  local kind=""
                  case "$cmd $prev" in
                %3$s
                  esac
                  if [ -z "$kind" ] && [ -n "$cmd" ] && [[ $cur != -* ]] && ! _%1$s_takes_value "$cmd" "$prev"; then
                    case "$cmd" in
                %4$s
                    esac
                  fi
                  if [ -n "$kind" ]; then
                    local IFS=$'\\n'
                    COMPREPLY=( $(compgen -W "$(_detour_names "$kind")" -- "$cur") )
                    return 0
                  fi
                  _complete_%1$s "$@"
                }
                """.formatted(name, String.join("\n", valueOptions), String.join("\n", nameOptions),
                String.join("\n", namePositionals));
    }

    /** One case line naming the options of COMMAND that take a value: {@code "reroute --to"|"reroute --config") return 0 ;;}. */
    private static List<String> valueOptionCases(String command, CommandSpec spec) {
        List<String> words = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.arity().max() > 0 && !option.hidden()) {
                java.util.Arrays.asList(option.names()).forEach(optionName -> words.add("\"" + command + " " + optionName + "\""));
            }
        }
        return words.isEmpty() ? List.of() : List.of("    " + String.join("|", words) + ") return 0 ;;");
    }

    /** The positions (0-based, counted after the command) a positional parameter covers, as a bash test. */
    private static String positionRange(PositionalParamSpec positional) {
        CommandLine.Range index = positional.index();
        return index.isUnresolved() || index.max() == Integer.MAX_VALUE
                ? "positional >= " + index.min()
                : "positional >= " + index.min() + " && positional <= " + index.max();
    }
}
