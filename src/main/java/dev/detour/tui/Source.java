package dev.detour.tui;

/** A background poller feeding the dashboard. */
public enum Source {
    BRIDGES, HEALTH, EVENTS, AGENTS
}
