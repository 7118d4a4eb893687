package dev.detour.dialect;

import dev.detour.config.Family;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The protocols this bridge can speak, by family. A family without one is skipped with a reason. */
public final class UpstreamProtocols {
    private final Map<Family, UpstreamProtocol> byFamily;

    public UpstreamProtocols(Map<Family, UpstreamProtocol> byFamily) {
        this.byFamily = new EnumMap<>(byFamily);
    }

    /** What the bridge ships with: Anthropic pass-through and the OpenAI Chat Completions translation. */
    public static UpstreamProtocols standard() {
        return new UpstreamProtocols(Map.of(Family.ANTHROPIC, new AnthropicPassThrough(),
                Family.OPENAI, new OpenAiChatCompletions()));
    }

    public Optional<UpstreamProtocol> forFamily(Family family) {
        return Optional.ofNullable(byFamily.get(family));
    }
}
