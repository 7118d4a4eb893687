package dev.detour.translate;

/** OpenAI {@code finish_reason} to Anthropic {@code stop_reason}. */
public final class StopReasons {
    private StopReasons() {
    }

    /**
     * @param finishReason  the upstream's reason, never null here (a missing reason is an error, not a stop)
     * @param calledTools   whether the reply holds tool calls: some compatible servers finish those with {@code stop}
     */
    public static String of(String finishReason, boolean calledTools) {
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> calledTools ? "tool_use" : "end_turn";
        };
    }
}
