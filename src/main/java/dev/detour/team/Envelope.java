package dev.detour.team;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.nio.charset.StandardCharsets;

/**
 * One message as stored in Redis: what it says ({@code body}, JSON), who sent it, when, a nonce, and the HMAC
 * over all of that under the team secret.
 *
 * @param kind  {@code summary} or {@code override}
 * @param slot  what the message is about (a session for overrides, box/session for summaries): replay is judged per slot
 * @param ts    the sender's clock, epoch milliseconds
 * @param sig   hex HMAC-SHA256 of {@link #signedBytes()}, or null/blank when unsigned
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(String kind, String team, String slot, String box, long ts, String nonce, String body, String sig) {
    /** The bytes the signature covers: every field but the signature, each length-prefixed so that none can bleed into the next. */
    public byte[] signedBytes() {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {"detour-team-v1", kind, team, slot, box, Long.toString(ts), nonce, body}) {
            String p = part == null ? "" : part;
            b.append(p.length()).append(':').append(p).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public Envelope withSig(String signature) {
        return new Envelope(kind, team, slot, box, ts, nonce, body, signature);
    }
}
