package dev.detour.dialect;

/**
 * The agent side of a dialect: a request shape an agent sends to the bridge, told apart by its path (after
 * {@code /t/TOKEN}). Claude Code's Messages API is the canonical form and passes through ({@link AnthropicMessagesAgent});
 * another shape (Claude Code's Bedrock or Vertex mode, Codex's Responses API) turns its request into a canonical
 * one and wraps the agent's channel, so that the canonical answer (a whole body or a stream of Anthropic events,
 * errors included) reaches the agent in its own shape. The forwarder only ever sees the canonical form.
 *
 * <p>A new agent dialect is one class implementing this, listed in {@link AgentDialects#standard()} before the
 * Messages one (which serves every other {@code /v1/} path).
 */
public interface AgentDialect {
    /** Whether a request with this method and path (after the token prefix, with no query) is in this dialect. */
    boolean serves(String method, String path);

    /**
     * Inbound adaptation: the agent's request as a canonical Anthropic Messages request: method, path such as
     * {@code /v1/messages}, the {@code anthropic-version} / {@code anthropic-beta} headers, the body as plain JSON
     * bytes (no {@code content-encoding}) and its parse, with {@code model} and {@code stream} set. The credential
     * headers ({@code x-api-key}, {@code Authorization}) stay as the agent sent them: a passthrough upstream gets them.
     * Throws {@link UpstreamProtocol.UnsupportedRequest} for a request it cannot express (the agent gets a 400).
     */
    AgentRequest canonical(AgentRequest received) throws UpstreamProtocol.UnsupportedRequest;

    /**
     * Outbound adaptation: the channel the forwarder answers on, which delivers each canonical status, body and
     * event to {@code agent} in this dialect.
     */
    AgentChannel reply(AgentRequest received, AgentChannel agent);
}
