package dev.detour.dialect;

import dev.detour.wire.SseEvent;

import dev.detour.cloud.CloudAuthException;
import dev.detour.cloud.GoogleTokens;
import dev.detour.config.Upstream;
import dev.detour.translate.BetaPolicy;
import dev.detour.translate.CloudBodies;
import dev.detour.translate.CloudErrors;
import dev.detour.translate.CloudModels;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Google Vertex AI: {@code POST {base}/v1/projects/P/locations/R/publishers/anthropic/models/M:streamRawPredict}
 * ({@code :rawPredict} when not streaming, {@code count-tokens:rawPredict} for token counts), the Messages body
 * without {@code model} and with {@code anthropic_version}, a bearer from Application Default Credentials or from
 * {@code env:VAR}. The reply is ordinary Anthropic SSE; Google-format errors become Anthropic ones.
 */
public final class VertexProtocol implements UpstreamProtocol {
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private final GoogleTokens tokens;
    private final CloudCalls calls = new CloudCalls();

    public VertexProtocol(GoogleTokens tokens) {
        this.tokens = tokens;
    }

    static final Headers EVENT_STREAM_HEADERS = Headers.of("Content-Type", "text/event-stream; charset=utf-8");

    @Override
    public dev.detour.config.Family family() {
        return dev.detour.config.Family.ANTHROPIC;
    }

    @Override
    public String api() {
        return "vertex";
    }

    @Override
    public UpstreamCall call(AgentRequest agent, Upstream upstream, Credential credential) throws UnsupportedRequest {
        boolean count = agent.method().equals("POST") && agent.path().equals(CloudCalls.COUNT_TOKENS)
                && agent.json() != null && agent.json().isObject();
        if (!count) {
            CloudCalls.checkRoute(agent, upstream);
        }
        String model = CloudModels.vertex(agent.model(), upstream.models());
        if (model == null) {
            throw CloudCalls.noModel(agent, upstream);
        }
        CloudCalls.Betas betas = calls.betas(agent, upstream, BetaPolicy.VERTEX);
        byte[] body = CloudBodies.vertex(agent.json(), betas.kept());
        if (count) {
            body = countBody(body, model);
        }
        String url = modelsUrl(upstream) + (count ? "count-tokens:rawPredict"
                : model + (agent.stream() ? ":streamRawPredict" : ":rawPredict"));
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
                .header("Authorization", "Bearer " + bearer(upstream, credential));
        return new UpstreamCall(request.build(), model.equals(agent.model()) ? null : model, betas.notes());
    }

    /** {@code {base}/v1/projects/P/locations/R/publishers/anthropic/models/}; a base URL may already end in /v1. */
    static String modelsUrl(Upstream upstream) {
        String base = upstream.baseUrl().replaceAll("/+$", "");
        if (!base.endsWith("/v1")) {
            base += "/v1";
        }
        return base + "/projects/" + upstream.project() + "/locations/" + upstream.region() + "/publishers/anthropic/models/";
    }

    /** count-tokens takes the model in the body, unlike the predict calls. */
    private static byte[] countBody(byte[] body, String model) {
        String text = new String(body, StandardCharsets.UTF_8);
        return ("{\"model\":" + com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(model) + ","
                + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    private String bearer(Upstream upstream, Credential credential) throws UnsupportedRequest {
        if (credential instanceof Credential.Key key) {
            return key.value();
        }
        if (!(credential instanceof Credential.Ambient ambient)) {
            throw new UnsupportedRequest(upstream.name() + ": api = vertex takes auth = \"gcloud\" or \"env:VAR\"");
        }
        try {
            return tokens.token(ambient.egress(), upstream.network());
        } catch (CloudAuthException e) {
            throw new UnsupportedRequest(upstream.name() + ": " + e.getMessage());
        }
    }

    @Override
    public UpstreamAnswer success(AgentRequest agent, UpstreamCall call, Response response) throws IOException {
        if (response.header("content-type", "").startsWith("text/event-stream")) {
            return new UpstreamAnswer.Events(response.code(), EVENT_STREAM_HEADERS,
                    new SseReader(response.body().source(), response));
        }
        try (response) {
            return new UpstreamAnswer.Body(response.code(), Headers.of("Content-Type", "application/json"),
                    response.body().bytes());
        }
    }

    @Override
    public UpstreamAnswer.Body failure(AgentRequest agent, UpstreamCall call, int status, Headers headers, byte[] body) {
        return CloudCalls.error(headers, CloudErrors.vertex(status, new String(body, StandardCharsets.UTF_8)));
    }
}
