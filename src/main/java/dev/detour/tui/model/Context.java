package dev.detour.tui.model;

/** Where the keys are read: the main screen, or one of the views and dialogs over it. */
public enum Context {
    MAIN, DETAILS, PICKER, CONFIRM, HELP, FILTER, EVENTS, EVENTS_FILTER, ADVICE, TEAM, SCOPE
}
