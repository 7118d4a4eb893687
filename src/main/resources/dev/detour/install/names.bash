
# --- detour: session and upstream names, read from the config by the shell itself (no JVM start) ---
# The lookup is detour's own: --config FILE on the line, $DETOUR_CONFIG, $XDG_CONFIG_HOME/detour/detour.toml,
# ~/.config/detour/detour.toml.
_detour_config_file() {
  local i word
  for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
    word=${COMP_WORDS[i]}
    case "$word" in
      --config)
        word=${COMP_WORDS[i+1]}
        [ "$word" = "=" ] && word=${COMP_WORDS[i+2]}
        echo "${word/#\~/$HOME}"
        return ;;
      --config=*)
        word=${word#--config=}
        echo "${word/#\~/$HOME}"
        return ;;
    esac
  done
  if [ -n "${DETOUR_CONFIG:-}" ]; then
    echo "$DETOUR_CONFIG"
  elif [ -n "${XDG_CONFIG_HOME:-}" ]; then
    echo "$XDG_CONFIG_HOME/detour/detour.toml"
  else
    echo "$HOME/.config/detour/detour.toml"
  fi
}

# _detour_names TABLE: the NAME of every [TABLE.NAME] header of the config, one a line (TABLE: sessions, upstreams).
_detour_names() {
  sed -n -E 's/^[[:space:]]*\[[[:space:]]*'"$1"'[[:space:]]*\.[[:space:]]*"?([A-Za-z0-9_-]+)"?[[:space:]]*\][[:space:]]*(#.*)?$/\1/p' \
    "$(_detour_config_file)" 2>/dev/null
}

