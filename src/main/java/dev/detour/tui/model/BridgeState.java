package dev.detour.tui.model;

/** What the dashboard knows about a session's bridge process. */
public enum BridgeState {
    RUNNING("running"),
    STARTING("starting"),
    UNREACHABLE("no answer"),
    STOPPED("stopped"),
    CRASHED("crashed");

    private final String word;

    BridgeState(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
