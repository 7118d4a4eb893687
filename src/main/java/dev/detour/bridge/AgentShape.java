package dev.detour.bridge;

import com.sun.net.httpserver.HttpExchange;

/**
 * An agent that speaks a cloud's shape to the bridge (Claude Code with {@code CLAUDE_CODE_USE_BEDROCK} or
 * {@code CLAUDE_CODE_USE_VERTEX} and a base URL pointing here): its request is turned into the canonical Messages
 * form, routed like any other, and the answer goes back in the shape it expects.
 */
interface AgentShape {
    /** The request as a Messages request. */
    AgentRequest canonical(AgentRequest shaped) throws Refused;

    /** The channel that answers the agent in its own shape. */
    AgentChannel channel(HttpExchange exchange);

    /** A request the shape cannot carry: answered with this status and message, in the agent's error format. */
    final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The shape a bridge path belongs to (after the token prefix), or null for the Anthropic Messages API. */
    static AgentShape of(String path) {
        if (BedrockAgentShape.matches(path)) {
            return new BedrockAgentShape();
        }
        if (VertexAgentShape.matches(path)) {
            return new VertexAgentShape();
        }
        return null;
    }
}
