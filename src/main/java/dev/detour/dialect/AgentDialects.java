package dev.detour.dialect;

import java.util.List;
import java.util.Optional;

/** The agent dialects a bridge accepts, tried in order: the first that serves a request's path takes it. */
public final class AgentDialects {
    private final List<AgentDialect> dialects;

    public AgentDialects(List<AgentDialect> dialects) {
        this.dialects = List.copyOf(dialects);
    }

    /** What the bridge ships with; a new agent dialect goes before the Messages one, which serves any {@code /v1/} path. */
    public static AgentDialects standard() {
        return new AgentDialects(List.of(new BedrockAgent(), new VertexAgent(), new ResponsesAgent(),
                new AnthropicMessagesAgent()));
    }

    /** The dialect of a request, or empty when no dialect serves its path (the bridge answers 404). */
    public Optional<AgentDialect> forRequest(String method, String path) {
        for (AgentDialect dialect : dialects) {
            if (dialect.serves(method, path)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }
}
