package dev.detour.tui.model;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

import java.util.List;

/**
 * One row of the keymap: where it applies, the keys, what they do, and how the footer and the help show them.
 *
 * @param label       how the keys are written in the help ("j/k ↑/↓")
 * @param hint        the footer's short word, or null when the footer leaves it out
 * @param mutates     changes config or bridges: disabled by {@code --read-only}
 * @param demoOnly    exists only in {@code detour demo}
 */
public record KeyBinding(Context context, Action action, List<Key> keys, String label, String hint, String description,
                         boolean mutates, boolean demoOnly) {
    public KeyBinding {
        keys = List.copyOf(keys);
    }

    /** A key: a character (optionally with Ctrl) or a special key type. */
    public record Key(KeyType type, Character character, boolean ctrl) {
        public static Key of(char c) {
            return new Key(KeyType.Character, c, false);
        }

        public static Key ctrl(char c) {
            return new Key(KeyType.Character, c, true);
        }

        public static Key of(KeyType type) {
            return new Key(type, null, false);
        }

        /** How the help writes the key: "j", "space", "ctrl-a", "↓", "PgDn", "esc". */
        public String written() {
            if (type == KeyType.Character) {
                return (ctrl ? "ctrl-" : "") + (character == ' ' ? "space" : String.valueOf(character));
            }
            return switch (type) {
                case ArrowUp -> "↑";
                case ArrowDown -> "↓";
                case ArrowLeft -> "←";
                case ArrowRight -> "→";
                case PageUp -> "PgUp";
                case PageDown -> "PgDn";
                case Home -> "Home";
                case End -> "End";
                case Enter -> "enter";
                case Escape -> "esc";
                case Backspace -> "backspace";
                case Tab -> "tab";
                case ReverseTab -> "shift-tab";
                default -> type.name().toLowerCase(java.util.Locale.ROOT);
            };
        }

        public boolean matches(KeyStroke stroke) {
            if (stroke.getKeyType() != type) {
                return false;
            }
            if (type != KeyType.Character) {
                return true;
            }
            return stroke.getCharacter() == character.charValue() && stroke.isCtrlDown() == ctrl && !stroke.isAltDown();
        }
    }

    /** Every key of the binding as the help writes it: "j ↓". */
    public String written() {
        return String.join(" ", keys.stream().map(Key::written).toList());
    }

    public boolean matches(KeyStroke stroke) {
        return keys.stream().anyMatch(k -> k.matches(stroke));
    }
}
