package dev.detour.tui;

/** A background poller feeding the dashboard. */
public enum Source {
    CONFIG, BRIDGES, HEALTH, EVENTS, AGENTS
}
