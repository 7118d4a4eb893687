package dev.detour.dialect;

/** Claude Code's own dialect, the Anthropic Messages API under {@code /v1/}: already canonical, so nothing changes. */
public final class AnthropicMessagesAgent implements AgentDialect {
    @Override
    public boolean serves(String method, String path) {
        return path.startsWith("/v1/");
    }

    @Override
    public AgentRequest canonical(AgentRequest received) {
        return received;
    }

    @Override
    public AgentChannel reply(AgentRequest received, AgentChannel agent) {
        return agent;
    }
}
