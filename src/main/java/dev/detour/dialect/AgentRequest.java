package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Headers;

/**
 * A request as an agent sent it to the bridge, in the Anthropic Messages wire format.
 *
 * @param path     the API path after the token prefix, e.g. {@code /v1/messages}
 * @param query    the raw query string without {@code ?}, or null
 * @param headers  the agent's headers, unfiltered (protocols choose what to forward)
 * @param body     the body exactly as received (still compressed when {@code Content-Encoding} says so)
 * @param parsed   the body as JSON (after decompression), parsed when something needs more than its model and stream flag
 * @param origin   the agent's own request when this canonical one was translated from another dialect (Codex's
 *                 Responses request), else null: a protocol of that dialect sends the original unchanged, and the
 *                 agent's credential belongs to that dialect's family
 */
public record AgentRequest(String method, String path, String query, Headers headers, byte[] body, JsonBody parsed,
                           AgentRequest origin) {
    public static final String CLAUDE_SESSION_HEADER = "X-Claude-Code-Session-Id";
    /** Codex's conversation id header. */
    public static final String CODEX_SESSION_HEADER = "session-id";

    /** A request in the canonical dialect, as the agent sent it. */
    public AgentRequest(String method, String path, String query, Headers headers, byte[] body, JsonNode json) {
        this(method, path, query, headers, body, JsonBody.of(json), null);
    }

    /** A request whose body was parsed already. */
    public AgentRequest(String method, String path, String query, Headers headers, byte[] body, JsonNode json,
                        AgentRequest origin) {
        this(method, path, query, headers, body, JsonBody.of(json), origin);
    }

    /** The body parsed as JSON (after decompression), or null when it is empty or not JSON. */
    public JsonNode json() {
        return parsed.tree();
    }

    /** Whether the agent asked for a streamed reply ({@code "stream": true}). */
    public boolean stream() {
        return parsed.stream();
    }

    /** The model the agent asked for, or null. */
    public String model() {
        return parsed.model();
    }

    /** The agent's conversation id: Claude Code's {@code X-Claude-Code-Session-Id} or Codex's {@code session-id}. */
    public String claudeSession() {
        String claude = headers.get(CLAUDE_SESSION_HEADER);
        return claude != null ? claude : headers.get(CODEX_SESSION_HEADER);
    }

    public String pathAndQuery() {
        return query == null ? path : path + "?" + query;
    }
}
