package dev.detour.tui.view;

import dev.detour.tui.model.Words;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.KeyBinding;
import dev.detour.tui.model.Action;
import dev.detour.tui.model.Context;
import dev.detour.tui.model.Keymap;
import dev.detour.tui.model.Overlay;
import dev.detour.tui.model.PickerLines;
import dev.detour.tui.model.Update;
import dev.detour.tui.model.UpstreamView;

import dev.detour.health.HealthState;
import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Upstream;

import java.util.ArrayList;
import java.util.List;

/** The boxes drawn over the tables: reroute picker, confirm dialog, help. */
final class Dialogs {
    private Dialogs() {
    }

    static void picker(Canvas c, DashboardState s, Overlay.Picker p) {
        Config config = s.snapshot().config();
        List<String> current = p.sessions().stream()
                .map(n -> config.session(n).filter(x -> !x.route().isEmpty()).map(x -> x.route().get(0)).orElse(""))
                .distinct().toList();
        PickerLines geometry = PickerLines.of(s, p);
        int nameWidth = p.options().stream().mapToInt(Text::width).max().orElse(0);
        List<List<Seg>> lines = new ArrayList<>();
        for (int line = 0; line < geometry.optionAt().size(); line++) {
            int option = geometry.optionAt().get(line);
            if (option < 0) {
                Family other = config.upstreams().get(p.options().get(geometry.optionAt().get(line + 1))).family();
                lines.add(List.of(Seg.of(" other family: the bridge translates to " + other.wireName(), Style.DIM)));
                continue;
            }
            String name = p.options().get(option);
            Upstream u = config.upstreams().get(name);
            UpstreamView v = s.snapshot().upstream(name);
            List<Seg> row = new ArrayList<>();
            row.add(Seg.of(" " + v.state().glyph() + " ", SessionTable.stateStyle(v.state(), true)));
            row.add(Seg.of(Text.pad(name, Math.max(13, nameWidth)) + " ", Style.BOLD));
            row.add(Seg.of(Text.pad(v.state().word(), 9), SessionTable.stateStyle(v.state(), true)));
            row.add(Seg.of(Text.padLeft(Text.millis(v.latencyMs()), 6) + "  "));
            row.add(Seg.of(Text.pad(u.dialectLabel(), Math.max(10, u.dialectLabel().length() + 1)), Style.DIM));
            if (current.size() == 1 && current.get(0).equals(name)) {
                row.add(Seg.of("current", Style.ACCENT));
            } else if (v.diagnosis() != null && v.state() != HealthState.HEALTHY) {
                row.add(Seg.of(v.diagnosis(), Style.DIM));
            }
            lines.add(row);
        }
        int w = Math.min(c.width - 4, Math.max(56, lines.stream().mapToInt(Seg::width).max().orElse(0) + 4));
        int h = geometry.height();
        int x = (c.width - w) / 2;
        int y = geometry.y();
        c.box(x, y, w, h, "Reroute " + Words.names(p.sessions()) + " to", Style.DIM, Style.DIALOG_TITLE);
        int cursorLine = geometry.optionAt().indexOf(p.cursor());
        for (int i = 0; i < geometry.rows() && geometry.top() + i < lines.size(); i++) {
            int line = geometry.top() + i;
            boolean selected = line == cursorLine;
            if (selected) {
                c.fill(x + 1, y + 1 + i, w - 2, Style.CURSOR);
            }
            c.segs(x + 1, y + 1 + i, lines.get(line), w - 2, selected ? Style.CURSOR : null);
        }
        List<Seg> keys = new ArrayList<>(keyHints(Context.PICKER, s, Action.CHOOSE, Action.BACK));
        keys.add(Seg.of("healthiest first", Style.DIM));
        c.segs(x + 2, y + h - 2, keys, w - 4, null);
    }

    /** "enter reroute   esc cancel   ": the keymap's own keys and words for these actions of a dialog. */
    static List<Seg> keyHints(Context context, DashboardState s, Action... actions) {
        List<Seg> segs = new ArrayList<>();
        for (Action action : actions) {
            for (KeyBinding b : Keymap.of(context, s.mode().demo())) {
                if (b.action() == action && b.hint() != null) {
                    segs.add(Seg.of(b.label().split(" ")[0], Style.KEY));
                    segs.add(Seg.of(" " + b.hint() + "   ", Style.DIM));
                    break;
                }
            }
        }
        return segs;
    }

    static void confirm(Canvas c, DashboardState s, Overlay.Confirm d) {
        int w = Math.min(c.width - 4, 64);
        List<String> text = wrap(d.question(), w - 4);
        int h = Math.min(c.height - 2, text.size() + 5);
        int x = (c.width - w) / 2;
        int y = Math.max(1, (c.height - h) / 2);
        c.box(x, y, w, h, d.title(), Style.WARN, Style.DIALOG_TITLE);
        for (int i = 0; i < text.size() && i < h - 4; i++) {
            c.put(x + 2, y + 1 + i, text.get(i), Style.BOLD, w - 4);
        }
        String cancel = "[ Cancel ]";
        String yes = "[ " + d.yesLabel() + " ]";
        int by = y + h - 2;
        int bx = x + w - 2 - Text.width(cancel) - Text.width(yes) - 3;
        c.put(bx, by, cancel, d.yesFocused() ? Style.BUTTON : Style.BUTTON_FOCUSED);
        c.put(bx + Text.width(cancel) + 3, by, yes, d.yesFocused() ? Style.BUTTON_FOCUSED : Style.BUTTON);
        c.segs(x + 2, by, keyHints(Context.CONFIRM, s, Action.CONFIRM, Action.DECLINE),
                Math.max(0, bx - x - 3), null);
    }

    static void help(Canvas c, DashboardState s, Overlay.Help h) {
        List<List<Seg>> lines = helpLines(s);
        int w = Math.min(c.width - 2, Math.max(60, lines.stream().mapToInt(Seg::width).max().orElse(0) + 4));
        int bh = Math.min(c.height - 2, lines.size() + 2);
        int x = (c.width - w) / 2;
        int y = Math.max(1, (c.height - bh) / 2);
        int rows = bh - 2;
        int top = Math.max(0, Math.min(h.top(), lines.size() - rows));
        String title = "Keys" + (lines.size() > rows ? "  (" + (top + 1) + "–" + Math.min(lines.size(), top + rows) + " of "
                + lines.size() + ", j/k scroll)" : "");
        c.box(x, y, w, bh, title, Style.DIM, Style.DIALOG_TITLE);
        for (int i = 0; i < rows && top + i < lines.size(); i++) {
            c.segs(x + 2, y + 1 + i, lines.get(top + i), w - 4, null);
        }
    }

    /**
     * One line per key binding of the main screen, then each view's and dialog's keys, every key as the keymap has
     * it, plus notes on marks, tmux and the mouse.
     */
    static List<List<Seg>> helpLines(DashboardState s) {
        List<List<Seg>> lines = new ArrayList<>();
        List<KeyBinding> main = Keymap.of(Context.MAIN, s.mode().demo());
        int keyWidth = main.stream().mapToInt(b -> Text.width(b.written())).max().orElse(0) + 2;
        int width = Math.max(30, Math.min(s.size().getColumns() - 6, 100) - keyWidth);
        for (KeyBinding b : main) {
            boolean disabled = b.mutates() && s.mode().readOnly();
            List<String> wrapped = wrap(b.description() + (disabled ? " (off: --read-only)" : ""), width);
            for (int i = 0; i < wrapped.size(); i++) {
                lines.add(List.of(Seg.of(Text.pad(i == 0 ? b.written() : "", keyWidth), disabled ? Style.DIM : Style.KEY),
                        Seg.of(wrapped.get(i), disabled ? Style.DIM : Style.NORMAL)));
            }
        }
        for (Context view : VIEWS_IN_HELP) {
            List<String> keys = new ArrayList<>();
            List<String> alsoMain = new ArrayList<>();
            for (KeyBinding b : Keymap.of(view, s.mode().demo())) {
                if (b.context() == view) {
                    keys.add(b.written() + " " + b.description());
                } else {
                    alsoMain.add(b.written());
                }
            }
            if (!alsoMain.isEmpty()) {
                keys.add("and " + String.join(" ", alsoMain) + " as above");
            }
            List<String> wrapped = wrap(String.join(" · ", keys), width);
            for (int i = 0; i < wrapped.size(); i++) {
                lines.add(List.of(Seg.of(Text.pad(i == 0 ? viewName(view) : "", keyWidth), Style.DIM),
                        Seg.of(wrapped.get(i), Style.DIM)));
            }
        }
        lines.add(List.of());
        lines.add(List.of(Seg.of("Actions apply to the marked sessions, else to the cursor's. Every change is", Style.DIM)));
        lines.add(List.of(Seg.of("written to the config file and the bridges reload it; U undoes a reroute.", Style.DIM)));
        lines.add(List.of(Seg.of("In tmux, set -sg escape-time 25 makes Esc quick; q and Backspace work too.", Style.DIM)));
        if (s.mode().mouse()) {
            lines.add(List.of(Seg.of("Mouse: a click selects a row, the wheel scrolls. To select text, hold Shift", Style.DIM)));
            lines.add(List.of(Seg.of("while dragging (Option on macOS); DETOUR_NO_MOUSE=1 leaves the mouse alone.", Style.DIM)));
        } else {
            lines.add(List.of(Seg.of("Mouse: off here (DETOUR_NO_MOUSE set, or a terminal that does not report it).", Style.DIM)));
        }
        return lines;
    }

    private static String viewName(Context view) {
        return switch (view) {
            case EVENTS_FILTER -> "events /";
            case FILTER -> "filter /";
            case CONFIRM -> "questions";
            default -> view.name().toLowerCase(java.util.Locale.ROOT);
        } + ":";
    }

    /** The views and dialogs whose keys the help lists after the main screen's. */
    static final Context[] VIEWS_IN_HELP = {Context.DETAILS, Context.EVENTS, Context.EVENTS_FILTER, Context.ADVICE,
            Context.PICKER, Context.CONFIRM, Context.FILTER, Context.HELP};

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && Text.width(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
