package dev.detour.dialect;

import okhttp3.Headers;

import java.util.Locale;
import java.util.Set;

/** Which headers cross the bridge. Hop-by-hop headers never do; credentials are the forwarder's business. */
public final class ForwardedHeaders {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    /** Set by the HTTP client for the upstream connection: host and length of the body it sends, and the
     *  encodings it can decode (the bridge decodes gzip itself and sends the agent identity); the agent's
     *  {@code Expect: 100-continue} was answered by the bridge's server, and upstream it would make the client
     *  wait for an interim answer that not every upstream sends. */
    private static final Set<String> CONNECTION_SPECIFIC = Set.of("host", "content-length", "accept-encoding", "expect");
    private static final Set<String> CREDENTIALS = Set.of("x-api-key", "authorization");

    private ForwardedHeaders() {
    }

    /** The agent's headers to send upstream, without hop-by-hop, connection-specific and credential headers. */
    public static Headers toUpstream(Headers agent) {
        Set<String> connectionListed = HeaderTokens.of(agent.values("connection"));
        Headers.Builder out = new Headers.Builder();
        for (int i = 0; i < agent.size(); i++) {
            String name = agent.name(i).toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !CONNECTION_SPECIFIC.contains(name) && !CREDENTIALS.contains(name)
                    && !connectionListed.contains(name)) {
                out.addUnsafeNonAscii(agent.name(i), agent.value(i));
            }
        }
        return out.build();
    }

    /**
     * The upstream's response headers to send the agent. The body reaches the agent decoded and re-framed, so its
     * length and encoding headers are the bridge's to set.
     */
    public static Headers toAgent(Headers upstream) {
        Set<String> connectionListed = HeaderTokens.of(upstream.values("connection"));
        Headers.Builder out = new Headers.Builder();
        for (int i = 0; i < upstream.size(); i++) {
            String name = upstream.name(i).toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !connectionListed.contains(name)
                    && !name.equals("content-length") && !name.equals("content-encoding") && !name.equals("date")) {
                out.addUnsafeNonAscii(upstream.name(i), upstream.value(i));
            }
        }
        return out.build();
    }
}
