package dev.detour.tui.model;

/** What a key asks the dashboard to do. */
public enum Action {
    UP, DOWN, PAGE_UP, PAGE_DOWN, TOP, BOTTOM, SWITCH_TABLE,
    MARK, MARK_ALL, CLEAR_MARKS,
    REROUTE, FLIP_FAMILY, RESTART, START_STOP, UNDO, EDIT, FAULT,
    DETAILS, FILTER, PAUSE, REFRESH, REDRAW, HELP, QUIT
}
