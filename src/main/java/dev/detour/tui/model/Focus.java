package dev.detour.tui.model;

/** Which table the cursor keys move in. */
public enum Focus {
    SESSIONS, UPSTREAMS
}
