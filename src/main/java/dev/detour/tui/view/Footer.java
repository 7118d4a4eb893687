package dev.detour.tui.view;

import dev.detour.tui.model.Context;
import dev.detour.tui.model.DashboardState;
import dev.detour.tui.model.Focus;
import dev.detour.tui.model.KeyBinding;
import dev.detour.tui.model.Keymap;
import dev.detour.tui.model.Overlay;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The footer: the key hints of the current view or dialog, from the keymap, and how many rows are marked. */
final class Footer {
    /** The main screen's hints dropped first when the terminal is narrow; the rest (reroute, help, quit...) stay longest. */
    private static final List<String> DROP_ORDER = List.of("tab", "pause", "edit", "start/stop", "undo", "details",
            "events", "filter", "mark", "fault", "family", "restart", "apply advice");

    private Footer() {
    }

    static void draw(Canvas c, DashboardState s, int row) {
        List<Seg> segs = new ArrayList<>();
        if (!s.marks().isEmpty() && s.overlay() == null) {
            segs.add(Seg.of("✓" + s.marks().size() + " marked", Style.MARK));
        }
        for (String[] hint : contextHints(s)) {
            if (!segs.isEmpty()) {
                segs.add(Seg.of("  "));
            }
            segs.add(Seg.of(hint[0], Style.KEY));
            segs.add(Seg.of(" " + hint[1], Style.DIM));
        }
        c.segs(1, row, segs, c.width - 2, null);
    }

    /** The footer's hints, all from the keymap: the view's or dialog's own, else the main screen's. */
    static List<String[]> contextHints(DashboardState s) {
        Overlay o = s.overlay();
        Context context = Keymap.contextOf(o);
        List<String[]> hints = new ArrayList<>();
        if (context == Context.FILTER || context == Context.EVENTS_FILTER) {
            hints.add(new String[]{"type", "to filter"});
        }
        Set<String> seen = new LinkedHashSet<>();
        for (KeyBinding b : context == Context.MAIN ? Keymap.available(s.mode().demo(), s.mode().readOnly())
                : Keymap.of(context, s.mode().demo())) {
            if (b.hint() == null || (b.mutates() && s.mode().readOnly()) || !seen.add(b.hint())) {
                continue;
            }
            if (o instanceof Overlay.Details d && d.kind() != Focus.SESSIONS && b.context() == Context.MAIN
                    && b.action() != dev.detour.tui.model.Action.FAULT && b.action() != dev.detour.tui.model.Action.HELP) {
                continue;
            }
            if (o instanceof Overlay.Details d && d.kind() != Focus.SESSIONS && b.action() == dev.detour.tui.model.Action.LOG) {
                continue;
            }
            hints.add(new String[]{context == Context.MAIN || b.context() == Context.MAIN ? b.label().split(" ")[0] : b.label(), b.hint()});
        }
        return context == Context.MAIN ? fitHints(hints, s.size().getColumns() - 2 - (s.marks().isEmpty() ? 0 : 12)) : hints;
    }

    static List<String[]> fitHints(List<String[]> hints, int width) {
        List<String[]> kept = new ArrayList<>(hints);
        for (String drop : DROP_ORDER) {
            if (hintsWidth(kept) <= width) {
                break;
            }
            kept.removeIf(h -> h[1].equals(drop));
        }
        return kept;
    }

    private static int hintsWidth(List<String[]> hints) {
        int w = 0;
        for (String[] h : hints) {
            w += Text.width(h[0]) + 1 + Text.width(h[1]) + 2;
        }
        return w - 2;
    }
}
