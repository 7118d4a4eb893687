# Session and upstream names, read from the config by the shell itself (no JVM start). The lookup is detour's own:
# --config FILE on the line, $DETOUR_CONFIG, $XDG_CONFIG_HOME/detour/detour.toml, ~/.config/detour/detour.toml.
function __detour_config_file
    set -l words (commandline -opc)
    for i in (seq (count $words))
        switch $words[$i]
            case --config
                if test $i -lt (count $words)
                    echo $words[(math $i + 1)]
                    return
                end
            case '--config=*'
                string replace -- --config= '' $words[$i]
                return
        end
    end
    if set -q DETOUR_CONFIG; and test -n "$DETOUR_CONFIG"
        echo $DETOUR_CONFIG
    else if set -q XDG_CONFIG_HOME; and test -n "$XDG_CONFIG_HOME"
        echo $XDG_CONFIG_HOME/detour/detour.toml
    else
        echo $HOME/.config/detour/detour.toml
    end
end

# __detour_names TABLE: the NAME of every [TABLE.NAME] header of the config (TABLE: sessions, upstreams).
function __detour_names
    set -l file (__detour_config_file)
    test -r "$file"; or return
    string replace -rf '^\s*\[\s*'$argv[1]'\s*\.\s*"?([A-Za-z0-9_-]+)"?\s*\]\s*(#.*)?$' '$1' <$file
end

# __detour_positionals: how many words after the subcommand are not options (a bound for SESSION positions).
function __detour_positionals
    set -l words (commandline -opc)
    set -e words[1..2]
    set -l n 0
    for word in $words
        string match -q -- '-*' $word; or set n (math $n + 1)
    end
    echo $n
end
