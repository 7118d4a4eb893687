package dev.detour.dialect;

import dev.detour.config.Upstream;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The upstream dialects this bridge speaks, by family and {@code api}. An upstream without one is skipped with a reason.
 * The standard set is made on first use: its protocols load Jackson, OkHttp and the cloud credential chains, which a
 * bridge need not have loaded before it binds its port (scripts/bench-memory, start to first accepted connection).
 */
public final class UpstreamProtocols {
    private final Supplier<List<UpstreamProtocol>> make;
    private Map<String, UpstreamProtocol> byDialect;

    public UpstreamProtocols(List<UpstreamProtocol> protocols) {
        this(() -> protocols);
        byDialect();
    }

    private UpstreamProtocols(Supplier<List<UpstreamProtocol>> make) {
        this.make = make;
    }

    private static Map<String, UpstreamProtocol> index(List<UpstreamProtocol> protocols) {
        Map<String, UpstreamProtocol> byDialect = new LinkedHashMap<>();
        for (UpstreamProtocol protocol : protocols) {
            if (byDialect.putIfAbsent(key(protocol.family().wireName(), protocol.api()), protocol) != null) {
                throw new IllegalArgumentException("two protocols for " + protocol.family().wireName() + "/" + protocol.api());
            }
        }
        return byDialect;
    }

    private synchronized Map<String, UpstreamProtocol> byDialect() {
        if (byDialect == null) {
            byDialect = index(make.get());
        }
        return byDialect;
    }

    /** What the bridge ships with; a new dialect adds its protocol here. */
    public static UpstreamProtocols standard() {
        return standard(System::getenv);
    }

    /** @param env the environment the cloud credential chains read (the bridge's own) */
    public static UpstreamProtocols standard(java.util.function.Function<String, String> env) {
        return new UpstreamProtocols(() -> List.of(new AnthropicPassThrough(), new OpenAiChatCompletions(),
                new OpenAiResponses(),
                new BedrockProtocol(new dev.detour.cloud.AwsCredentialChain(env), java.time.Clock.systemUTC()),
                new VertexProtocol(new dev.detour.cloud.GoogleTokens(env))));
    }

    /** The protocol for the upstream's family and dialect ({@link Upstream#dialect()}). */
    public Optional<UpstreamProtocol> forUpstream(Upstream upstream) {
        return Optional.ofNullable(byDialect().get(key(upstream.family().wireName(), upstream.dialect())));
    }

    private static String key(String family, String api) {
        return family + "/" + api;
    }
}
