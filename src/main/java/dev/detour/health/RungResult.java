package dev.detour.health;

/**
 * One rung of one probe.
 *
 * @param ms     how long the rung took, or null when it did not finish or did not apply
 * @param detail what it found (addresses, certificate issuer, status) or why it failed
 */
public record RungResult(Rung rung, boolean ok, Long ms, String detail) {
}
