package dev.detour.dialect;

import dev.detour.config.Upstream;
import okhttp3.Response;

import java.io.IOException;

/**
 * How the bridge speaks to one family of upstream: the seam between the family-neutral {@link Forwarder} and a
 * wire format. Agents always speak the Anthropic Messages API to the bridge; a protocol turns an {@link AgentRequest}
 * into the upstream's HTTP request and the upstream's response back into Anthropic wire ({@link UpstreamAnswer}).
 * The forwarder owns everything else: the order of upstreams, credentials (it hands the protocol a
 * {@link Credential} and the protocol only decides which header carries it), timeouts, SSE hold-back and failover,
 * breakers, stats. {@link AnthropicPassThrough} is the identity protocol; an OpenAI Chat Completions protocol
 * registers in {@link UpstreamProtocols} and the bridge can then route and fail over to {@code openai} upstreams.
 */
public interface UpstreamProtocol {
    /** Builds the upstream request. Throws {@link UnsupportedRequest} for a request this family cannot serve. */
    UpstreamCall call(AgentRequest agent, Upstream upstream, Credential credential) throws UnsupportedRequest;

    /**
     * Turns the upstream's response into Anthropic wire. Returns {@link UpstreamAnswer.Events} only for a successful
     * event stream (it then owns and closes {@code response}); otherwise reads the body, closes the response and
     * returns {@link UpstreamAnswer.Body} (errors translated to the Anthropic error format with the right status).
     */
    UpstreamAnswer answer(AgentRequest agent, UpstreamCall call, Response response) throws IOException;

    /** An answer made without calling the upstream (e.g. an estimated count_tokens), or null to call it. */
    default UpstreamAnswer.Body local(AgentRequest agent, Upstream upstream) {
        return null;
    }

    /** A request the family cannot serve; the bridge skips this upstream with the message as the reason. */
    final class UnsupportedRequest extends Exception {
        public UnsupportedRequest(String message) {
            super(message);
        }
    }
}
