package dev.detour.tui.model;

import com.googlecode.lanterna.TerminalSize;

/**
 * Where each part of the screen goes: header, sessions, upstreams, advice/events, flash, footer. Tables get a
 * title row and a column header row; the events pane a title row. Sessions get the rows they need, up to what is
 * left after the other panes' shares; extra rows go to the events pane.
 */
public record Layout(int width, int height, boolean tooSmall, Pane sessions, Pane upstreams, Pane events,
                     int bodyTop, int bodyHeight, int flashRow, int footerRow) {
    public static final int MIN_WIDTH = 60;
    public static final int MIN_HEIGHT = 12;

    /** A vertical slice: {@code top} is its title row; {@code rows} is how many data rows it shows. */
    public record Pane(int top, int height, int headerRows) {
        public int rows() {
            return Math.max(0, height - headerRows);
        }

        public int firstRow() {
            return top + headerRows;
        }
    }

    public static Layout of(TerminalSize size, int sessionCount, int upstreamCount) {
        int w = size.getColumns();
        int h = size.getRows();
        if (w < MIN_WIDTH || h < MIN_HEIGHT) {
            Pane none = new Pane(0, 0, 0);
            return new Layout(w, h, true, none, none, none, 0, 0, h - 2, h - 1);
        }
        int bodyTop = 1;
        int body = h - 3;
        int upstreamRows = Math.min(Math.max(1, upstreamCount), Math.max(2, body / 4));
        int upstreamH = upstreamRows + 2;
        int eventsH = body >= 14 ? Math.max(2, body / 5) + 1 : 0;
        int sessionRoom = body - upstreamH - eventsH;
        int sessionH = Math.min(sessionRoom, Math.max(3, sessionCount) + 2);
        if (eventsH > 0) {
            eventsH += sessionRoom - sessionH;
        } else {
            sessionH = sessionRoom;
        }
        Pane sessions = new Pane(bodyTop, sessionH, 2);
        Pane upstreams = new Pane(bodyTop + sessionH, upstreamH, 2);
        Pane events = new Pane(bodyTop + sessionH + upstreamH, eventsH, 1);
        return new Layout(w, h, false, sessions, upstreams, events, bodyTop, body, h - 2, h - 1);
    }
}
