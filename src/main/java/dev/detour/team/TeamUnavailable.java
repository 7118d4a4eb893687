package dev.detour.team;

/** Redis cannot be reached now (down, slow, refusing): the caller keeps what it knew and tries again later. */
public final class TeamUnavailable extends Exception {
    public TeamUnavailable(String message) {
        super(message);
    }
}
