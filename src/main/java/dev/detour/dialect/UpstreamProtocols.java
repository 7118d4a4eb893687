package dev.detour.dialect;

import dev.detour.config.Upstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The upstream dialects this bridge speaks, by family and {@code api}. An upstream without one is skipped with a reason. */
public final class UpstreamProtocols {
    private final Map<String, UpstreamProtocol> byDialect = new LinkedHashMap<>();

    public UpstreamProtocols(List<UpstreamProtocol> protocols) {
        for (UpstreamProtocol protocol : protocols) {
            if (byDialect.putIfAbsent(key(protocol.family().wireName(), protocol.api()), protocol) != null) {
                throw new IllegalArgumentException("two protocols for " + protocol.family().wireName() + "/" + protocol.api());
            }
        }
    }

    /** What the bridge ships with; a new dialect adds its protocol here. */
    public static UpstreamProtocols standard() {
        return standard(System::getenv);
    }

    /** @param env the environment the cloud credential chains read (the bridge's own) */
    public static UpstreamProtocols standard(java.util.function.Function<String, String> env) {
        return new UpstreamProtocols(List.of(new AnthropicPassThrough(), new OpenAiChatCompletions(),
                new OpenAiResponses(),
                new BedrockProtocol(new dev.detour.cloud.AwsCredentialChain(env), java.time.Clock.systemUTC()),
                new VertexProtocol(new dev.detour.cloud.GoogleTokens(env))));
    }

    /** The protocol for the upstream's family and dialect ({@link Upstream#dialect()}). */
    public Optional<UpstreamProtocol> forUpstream(Upstream upstream) {
        return Optional.ofNullable(byDialect.get(key(upstream.family().wireName(), upstream.dialect())));
    }

    private static String key(String family, String api) {
        return family + "/" + api;
    }
}
