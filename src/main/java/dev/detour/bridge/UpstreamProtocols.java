package dev.detour.bridge;

import dev.detour.cloud.AwsCredentialChain;
import dev.detour.cloud.GoogleTokens;
import dev.detour.config.Dialect;
import dev.detour.config.Family;
import dev.detour.config.Upstream;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The protocols this bridge can speak, by dialect. An upstream whose dialect has none is skipped with a reason. */
public final class UpstreamProtocols {
    private final Map<Dialect, UpstreamProtocol> byDialect;

    public UpstreamProtocols(Map<Dialect, UpstreamProtocol> byDialect) {
        this.byDialect = new EnumMap<>(byDialect);
    }

    /** What the bridge ships with: Anthropic pass-through, Bedrock, Vertex, and the OpenAI Chat Completions translation. */
    public static UpstreamProtocols standard() {
        return standard(System::getenv);
    }

    /** @param env the environment the cloud credential chains read (the bridge's own) */
    public static UpstreamProtocols standard(Function<String, String> env) {
        return new UpstreamProtocols(Map.of(
                Dialect.MESSAGES, new AnthropicPassThrough(),
                Dialect.BEDROCK, new BedrockProtocol(new AwsCredentialChain(env), Clock.systemUTC()),
                Dialect.VERTEX, new VertexProtocol(new GoogleTokens(env)),
                Dialect.CHAT, new OpenAiChatCompletions()));
    }

    /** The protocol of a family's default dialect. */
    public Optional<UpstreamProtocol> forFamily(Family family) {
        return Optional.ofNullable(byDialect.get(Dialect.defaultFor(family)));
    }

    public Optional<UpstreamProtocol> forUpstream(Upstream upstream) {
        return Optional.ofNullable(byDialect.get(upstream.api()));
    }
}
