package dev.detour.dialect;

import dev.detour.config.Family;
import dev.detour.config.Upstream;
import okhttp3.Headers;
import okhttp3.Response;

import java.io.IOException;

/**
 * The upstream side of a dialect: how the bridge speaks to an upstream whose {@code api} is {@link #api()}. Inside
 * the bridge every request is a canonical Anthropic Messages request ({@link AgentRequest}) and every answer is
 * canonical Anthropic wire ({@link UpstreamAnswer}: a whole body, or a stream of Anthropic events); a protocol
 * translates at the edge and owns nothing else. The forwarder keeps the order of upstreams, credentials (it hands
 * the protocol a {@link Credential}; the protocol decides where it goes), timeouts, hold-back and failover, breakers,
 * classification and stats, and never branches on the dialect.
 *
 * <p>A new dialect is one class implementing this (plus its pure translation code), listed in
 * {@link UpstreamProtocols#standard()}, with its {@code api} name added to its {@link Family#apis()}.
 */
public interface UpstreamProtocol {
    /** The family whose upstreams may speak this dialect. */
    Family family();

    /** The value of an upstream's {@code api} that selects this protocol (e.g. {@code messages}, {@code chat}). */
    String api();

    /** An answer made without calling the upstream (e.g. an estimated count_tokens), or null to call it. */
    default UpstreamAnswer.Body local(AgentRequest request, Upstream upstream) {
        return null;
    }

    /**
     * Request adaptation: the upstream's URL (from its base URL and the canonical path), body, headers and where the
     * credential goes. Throws {@link UnsupportedRequest} for a request this dialect cannot serve.
     */
    UpstreamCall call(AgentRequest request, Upstream upstream, Credential credential) throws UnsupportedRequest;

    /**
     * Response adaptation of a 2xx answer: {@link UpstreamAnswer.Events} for a stream of canonical Anthropic events
     * read as they arrive (it then owns and closes {@code response}), or {@link UpstreamAnswer.Body} for a whole body
     * (after reading it and closing the response).
     */
    UpstreamAnswer success(AgentRequest request, UpstreamCall call, Response response) throws IOException;

    /**
     * Error mapping of any other answer: the Anthropic error the agent gets for the upstream's {@code status},
     * {@code headers} and {@code body} (the status keeps its meaning, {@code error.type} is the Anthropic one,
     * {@code retry-after} kept where it means the same). The bridge classifies the result, so an error the upstream
     * words its own way must come out as the Anthropic error it stands for.
     */
    UpstreamAnswer.Body failure(AgentRequest request, UpstreamCall call, int status, Headers headers, byte[] body);

    /** A request the dialect cannot serve; the bridge skips this upstream with the message as the reason. */
    final class UnsupportedRequest extends Exception {
        public UnsupportedRequest(String message) {
            super(message);
        }
    }
}
