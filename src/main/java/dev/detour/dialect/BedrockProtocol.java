package dev.detour.dialect;

import dev.detour.wire.SseEvent;

import dev.detour.cloud.AwsAuth;
import dev.detour.cloud.AwsCredentialChain;
import dev.detour.cloud.CloudAuthException;
import dev.detour.cloud.SigV4;
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
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Amazon Bedrock: {@code POST {base}/model/{id}/invoke} or {@code /invoke-with-response-stream}, the Messages body
 * without {@code model}/{@code stream} and with {@code anthropic_version}, signed with SigV4 (or a Bedrock API key as
 * bearer). The stream comes back in AWS event-stream frames and goes to the agent as SSE; Bedrock exceptions become
 * Anthropic errors with the status of their failure class. {@code count_tokens} is estimated locally.
 */
public final class BedrockProtocol implements UpstreamProtocol {
    static final String EVENT_STREAM_TYPE = "application/vnd.amazon.eventstream";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private final AwsCredentialChain chain;
    private final Clock clock;
    private final CloudCalls calls = new CloudCalls();

    public BedrockProtocol(AwsCredentialChain chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    static final Headers EVENT_STREAM_HEADERS = Headers.of("Content-Type", "text/event-stream; charset=utf-8");

    @Override
    public dev.detour.config.Family family() {
        return dev.detour.config.Family.ANTHROPIC;
    }

    @Override
    public String api() {
        return "bedrock";
    }

    @Override
    public UpstreamAnswer.Body local(AgentRequest agent, Upstream upstream) {
        return CloudCalls.estimate(agent);
    }

    @Override
    public UpstreamCall call(AgentRequest agent, Upstream upstream, Credential credential) throws UnsupportedRequest {
        CloudCalls.checkRoute(agent, upstream);
        String model = CloudModels.bedrock(agent.model(), upstream.models(), upstream.region());
        if (model == null) {
            throw CloudCalls.noModel(agent, upstream);
        }
        CloudCalls.Betas betas = calls.betas(agent, upstream, BetaPolicy.BEDROCK);
        byte[] body = CloudBodies.bedrock(agent.json(), betas.kept());
        String base = upstream.baseUrl().endsWith("/") ? upstream.baseUrl().substring(0, upstream.baseUrl().length() - 1)
                : upstream.baseUrl();
        String url = base + "/model/" + modelSegment(model)
                + (agent.stream() ? "/invoke-with-response-stream" : "/invoke");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", agent.stream() ? EVENT_STREAM_TYPE : "application/json");
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE));
        headers.forEach(request::header);
        authorize(request, url, headers, body, upstream, credential);
        return new UpstreamCall(request.build(), model.equals(agent.model()) ? null : model, betas.notes());
    }

    /**
     * The model id as one path segment, encoded as the AWS SDK does ({@code :} and {@code /} of an ARN too); an id
     * that is all dots would be a dot segment, which the HTTP client resolves, so it is refused.
     */
    static String modelSegment(String model) throws UnsupportedRequest {
        if (model.isEmpty() || model.chars().allMatch(c -> c == '.')) {
            throw new UnsupportedRequest("\"" + model + "\" is not a Bedrock model id");
        }
        return SdkHttpUtils.urlEncode(model);
    }

    private void authorize(Request.Builder request, String url, Map<String, String> headers, byte[] body,
                           Upstream upstream, Credential credential) throws UnsupportedRequest {
        if (credential instanceof Credential.Key key) {
            request.header("Authorization", "Bearer " + key.value());
            return;
        }
        AwsAuth auth;
        try {
            auth = chain.resolve();
        } catch (CloudAuthException e) {
            throw new UnsupportedRequest(upstream.name() + ": " + e.getMessage());
        }
        if (auth instanceof AwsAuth.Bearer bearer) {
            request.header("Authorization", "Bearer " + bearer.token());
            return;
        }
        SigV4.sign("POST", URI.create(url), headers, body, (AwsAuth.Keys) auth, upstream.region(), clock)
                .forEach(request::header);
    }

    @Override
    public UpstreamAnswer success(AgentRequest agent, UpstreamCall call, Response response) throws IOException {
        if (response.header("content-type", "").startsWith(EVENT_STREAM_TYPE)) {
            return new UpstreamAnswer.Events(response.code(), EVENT_STREAM_HEADERS,
                    new EventStreamSource(response.body().source(), response));
        }
        try (response) {
            return new UpstreamAnswer.Body(response.code(), Headers.of("Content-Type", "application/json"),
                    response.body().bytes());
        }
    }

    @Override
    public UpstreamAnswer.Body failure(AgentRequest agent, UpstreamCall call, int status, Headers headers, byte[] body) {
        return CloudCalls.error(headers, CloudErrors.bedrock(headers.get("x-amzn-ErrorType"), status,
                new String(body, StandardCharsets.UTF_8)));
    }
}
