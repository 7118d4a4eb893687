package dev.detour.tui.model;

import dev.detour.config.Config;
import dev.detour.config.Family;
import dev.detour.config.Upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the reroute picker's lines sit on the screen, so that its drawing and a mouse click agree on which row is
 * which upstream: one line per option, with a header line before the first upstream of another model family.
 *
 * @param optionAt for each line, the index of its option, or -1 for the header line
 * @param y        the box's top row
 * @param height   the box's height (border, lines, key hints)
 * @param top      the first line shown (the list scrolls to keep the cursor in view)
 */
public record PickerLines(List<Integer> optionAt, int y, int height, int top) {
    public PickerLines {
        optionAt = List.copyOf(optionAt);
    }

    public static PickerLines of(DashboardState state, Overlay.Picker p) {
        Config config = state.snapshot().config();
        Family family = config.session(p.sessions().get(0)).map(config::familyOf).orElse(null);
        List<Integer> lines = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < p.options().size(); i++) {
            Upstream u = config.upstreams().get(p.options().get(i));
            if (family != null && u != null && u.family() != family && !header) {
                lines.add(-1);
                header = true;
            }
            lines.add(i);
        }
        int screenRows = state.size().getRows();
        int height = Math.min(screenRows - 2, lines.size() + 4);
        int y = Math.max(1, (screenRows - height) / 2);
        int rows = height - 4;
        int cursorLine = lines.indexOf(p.cursor());
        int top = Math.max(0, cursorLine - rows + 1);
        return new PickerLines(lines, y, height, top);
    }

    /** How many lines the box shows. */
    public int rows() {
        return height - 4;
    }

    /** The option on screen row {@code row}, or -1 (the header, the border, the key hints, outside). */
    public int optionOnRow(int row) {
        int line = row - y - 1 + top;
        if (row <= y || row - y - 1 >= rows() || line < 0 || line >= optionAt.size()) {
            return -1;
        }
        return optionAt.get(line);
    }
}
