package dev.detour.dialect;

import dev.detour.config.Family;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.config.Upstream;
import dev.detour.translate.ModelMap;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;

/**
 * The Anthropic family: the request goes upstream as the agent sent it (body bytes, {@code anthropic-*} headers,
 * path and query) and the answer comes back unchanged; only hop-by-hop headers and the credential differ.
 */
public final class AnthropicPassThrough implements UpstreamProtocol {
    @Override
    public Family family() {
        return Family.ANTHROPIC;
    }

    @Override
    public String api() {
        return "messages";
    }

    /**
     * A request translated from another family's agent (Codex) has its model mapped through the upstream's
     * {@code models} table ({@code default} catches the other family's models), and never carries that agent's own
     * credential, which is another provider's.
     */
    @Override
    public UpstreamCall call(AgentRequest agent, Upstream upstream, Credential credential) throws UnsupportedRequest {
        String mapped = null;
        if (agent.origin() != null) {
            if (credential instanceof Credential.AgentOwn) {
                throw new UnsupportedRequest("auth = \"passthrough\" would send the agent's own (openai) credential to an "
                        + "anthropic upstream; give it auth = \"env:VAR\"");
            }
            mapped = ModelMap.map(agent.model(), upstream.models());
            if (mapped != null && !mapped.equals(agent.model()) && agent.json() instanceof ObjectNode json) {
                ObjectNode copy = json.deepCopy().put("model", mapped);
                agent = new AgentRequest(agent.method(), agent.path(), agent.query(), agent.headers(), copy.toString()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), copy, agent.origin());
            } else {
                mapped = null;
            }
        }
        Headers.Builder headers = ForwardedHeaders.toUpstream(agent.headers()).newBuilder();
        if (credential instanceof Credential.Key key) {
            headers.set("x-api-key", key.value());
        } else if (credential instanceof Credential.AgentOwn own) {
            if (own.apiKey() != null) {
                headers.set("x-api-key", own.apiKey());
            }
            if (own.authorization() != null) {
                headers.set("Authorization", own.authorization());
            }
        }
        boolean noBody = agent.method().equals("GET") || agent.method().equals("HEAD");
        // no media type: the agent's own Content-Type header goes upstream as it is, unparsed
        RequestBody body = noBody ? null : RequestBody.create(agent.body(), null);
        Request request = new Request.Builder()
                .url(UpstreamUrls.of(upstream.baseUrl(), agent.path(), agent.query()))
                .headers(headers.build())
                .method(agent.method(), body)
                .build();
        return new UpstreamCall(request, mapped);
    }

    @Override
    public UpstreamAnswer success(AgentRequest agent, UpstreamCall call, Response response) throws IOException {
        Headers headers = ForwardedHeaders.toAgent(response.headers());
        ResponseBody body = response.body();
        if (response.header("content-type", "").startsWith("text/event-stream")) {
            return new UpstreamAnswer.Events(response.code(), headers, new SseReader(body.source(), response));
        }
        try (response) {
            return new UpstreamAnswer.Body(response.code(), headers, BoundedBody.read(body));
        }
    }

    /** The upstream's error reaches the agent unmodified: Claude Code's recovery matches on its wording. */
    @Override
    public UpstreamAnswer.Body failure(AgentRequest agent, UpstreamCall call, int status, Headers headers, byte[] body) {
        return new UpstreamAnswer.Body(status, ForwardedHeaders.toAgent(headers), body);
    }
}
