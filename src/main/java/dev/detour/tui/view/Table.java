package dev.detour.tui.view;

import java.util.List;

/** Columns and the cells of every row (a cell is a list of styled runs), before fitting to a width. */
public record Table(List<Column> columns, List<List<List<Seg>>> rows) {
    /** Each column's content width over all rows, header included. */
    public int[] wanted() {
        int[] wanted = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            wanted[c] = Text.width(columns.get(c).title());
        }
        for (List<List<Seg>> row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                wanted[c] = Math.max(wanted[c], Seg.width(row.get(c)));
            }
        }
        return wanted;
    }

    public int[] widths(int total) {
        return ColumnFit.widths(columns, wanted(), total);
    }
}
