package dev.detour.tui;

/** Which table the cursor keys move in. */
public enum Focus {
    SESSIONS, UPSTREAMS
}
