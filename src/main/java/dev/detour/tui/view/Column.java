package dev.detour.tui.view;

/**
 * A table column.
 *
 * @param priority 0 is kept longest; higher numbers are dropped first when the terminal is narrow
 * @param min      narrowest useful width; below it the column is dropped
 * @param max      widest it grows to with its content
 * @param share    for a flexible column (share &gt; 0): the part of the table's width it may take before
 *                 less important columns are placed; it also takes the width left over at the end
 */
public record Column(String title, int priority, int min, int max, boolean rightAligned, double share) {
    public static Column left(String title, int priority, int min, int max) {
        return new Column(title, priority, min, max, false, 0);
    }

    public static Column right(String title, int priority, int min, int max) {
        return new Column(title, priority, min, max, true, 0);
    }

    public static Column flex(String title, int priority, int min, int max, double share) {
        return new Column(title, priority, min, max, false, share);
    }

    public boolean flex() {
        return share > 0;
    }
}
