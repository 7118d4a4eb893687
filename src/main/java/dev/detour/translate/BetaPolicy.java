package dev.detour.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which {@code anthropic-beta} flags a cloud accepts. Bedrock and Vertex refuse a request that carries a flag they
 * do not know ("invalid beta flag"), so each upstream gets only the flags of its dialect's table (or of its own
 * {@code betas} list) and the rest are dropped, never failing the request. Pure.
 */
public final class BetaPolicy {
    /** Flags both clouds serve for Claude models (as documented by the providers for the Claude 4 models). */
    private static final Set<String> CLOUD = Set.of(
            "computer-use-2024-10-22", "computer-use-2025-01-24", "computer-use-2025-11-24",
            "token-efficient-tools-2025-02-19", "interleaved-thinking-2025-05-14", "output-128k-2025-02-19",
            "dev-full-thinking-2025-05-14", "context-1m-2025-08-07", "context-management-2025-06-27",
            "fine-grained-tool-streaming-2025-05-14", "tool-search-tool-2025-10-19", "tool-examples-2025-10-29",
            "effort-2025-11-24");
    public static final Set<String> BEDROCK = CLOUD;
    public static final Set<String> VERTEX = CLOUD;

    /** @param kept the flags to send; @param dropped the flags left out */
    public record Split(List<String> kept, List<String> dropped) {
    }

    private BetaPolicy() {
    }

    /**
     * @param header  the agent's {@code anthropic-beta} header (comma-separated), or null
     * @param allowed the flags this upstream accepts
     */
    public static Split split(String header, Set<String> allowed) {
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        if (header != null) {
            for (String flag : header.split(",")) {
                String f = flag.strip();
                if (f.isEmpty() || kept.contains(f) || dropped.contains(f)) {
                    continue;
                }
                (allowed.contains(f) ? kept : dropped).add(f);
            }
        }
        return new Split(List.copyOf(kept), List.copyOf(dropped));
    }
}
