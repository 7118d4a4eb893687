package dev.detour.health;

/**
 * One rung of one probe.
 *
 * @param ms     how long the rung took, or null when it did not finish or did not apply
 * @param detail what it found (addresses, certificate issuer, status) or why it failed
 */
public record RungResult(Rung rung, boolean ok, Long ms, String detail) {
    /** One line for people, e.g. {@code connect 12 ms}, {@code tls 30 ms (issuer R11 (Let's Encrypt))}, {@code dns failed}. */
    public String line() {
        if (!ok) {
            return rung.word() + " failed";
        }
        if (ms == null) {
            return rung.word() + " " + detail;
        }
        String more = switch (rung) {
            case DNS -> detail != null && detail.startsWith("no lookup") ? " (IP address)" : "";
            case TLS, HTTP -> detail == null ? "" : " (" + detail + ")";
            case CONNECT, PROXY -> "";
        };
        return rung.word() + " " + ms + " ms" + more;
    }
}
