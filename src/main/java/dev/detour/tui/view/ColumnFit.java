package dev.detour.tui.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives table columns their widths. Most important first, each column gets its content width (flexible columns
 * at most their share of the table); a column that no longer fits is dropped rather than squeezed. Then flexible columns grow to their
 * content, dropped columns get a second chance at their content width, and flexible columns take what is left.
 * Narrow terminals use a one-column gap instead of two.
 */
public final class ColumnFit {
    private ColumnFit() {
    }

    public static int gap(int total) {
        return total >= 100 ? 2 : 1;
    }

    /**
     * @param wanted each column's content width (header included)
     * @return each column's width; 0 means dropped
     */
    public static int[] widths(List<Column> columns, int[] wanted, int total) {
        int n = columns.size();
        int gap = gap(total);
        List<Integer> byPriority = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byPriority.add(i);
        }
        byPriority.sort(Comparator.comparingInt(i -> columns.get(i).priority()));
        int[] want = new int[n];
        for (int i = 0; i < n; i++) {
            Column c = columns.get(i);
            want[i] = Math.min(c.max(), Math.max(wanted[i], Text.width(c.title())));
        }
        int[] widths = new int[n];
        int[] used = {0};
        int[] kept = {0};
        for (int i : byPriority) {
            Column c = columns.get(i);
            int share = Math.max(c.min(), (int) (total * c.share()));
            take(widths, i, c.flex() ? Math.min(share, want[i]) : want[i], total, gap, used, kept);
        }
        for (int i : byPriority) {
            if (widths[i] > 0 && columns.get(i).flex()) {
                used[0] += grow(widths, i, want[i], total - used[0]);
            }
        }
        for (int i : byPriority) {
            if (widths[i] == 0) {
                take(widths, i, want[i], total, gap, used, kept);
            }
        }
        for (int i : byPriority) {
            if (widths[i] > 0 && columns.get(i).flex()) {
                used[0] += grow(widths, i, columns.get(i).max(), total - used[0]);
            }
        }
        return widths;
    }

    private static void take(int[] widths, int i, int width, int total, int gap, int[] used, int[] kept) {
        int need = width + (kept[0] > 0 ? gap : 0);
        if (width > 0 && used[0] + need <= total) {
            widths[i] = width;
            used[0] += need;
            kept[0]++;
        }
    }

    private static int grow(int[] widths, int i, int to, int room) {
        int grow = Math.min(to - widths[i], room);
        if (grow <= 0) {
            return 0;
        }
        widths[i] += grow;
        return grow;
    }
}
