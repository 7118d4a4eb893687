package dev.detour.tui.model;

/** A background poller feeding the dashboard. */
public enum Source {
    BRIDGES, HEALTH, EVENTS, AGENTS, TEAM
}
