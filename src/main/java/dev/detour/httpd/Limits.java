package dev.detour.httpd;

/**
 * What the server accepts from a client before refusing it.
 *
 * @param maxRequestLine bytes in the request line (longer: 414)
 * @param maxHeaderLine  bytes in one header field line (longer: 431)
 * @param maxHeadBytes   bytes in the whole request head (more: 431)
 * @param maxHeaders     header fields (more: 431)
 * @param headTimeoutMs  time a request head may take from its first byte (longer: 408)
 * @param idleTimeoutMs  time a kept-alive connection may wait for its next request, and a body between two reads
 * @param maxConnections connections served at once, a thread each (more: 503)
 */
public record Limits(int maxRequestLine, int maxHeaderLine, int maxHeadBytes, int maxHeaders, int headTimeoutMs,
                     int idleTimeoutMs, int maxConnections) {
    /** For an agent's bridge: Claude Code and Codex send about 20 short header fields. */
    public static Limits standard() {
        return new Limits(16 * 1024, 16 * 1024, 64 * 1024, 128, 10_000, 60_000, 512);
    }
}
