package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.translate.CloudBodies;
import okhttp3.Headers;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds the canonical Messages request for a cloud-shaped agent request. */
final class ShapedRequests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANTHROPIC_VERSION = "2023-06-01";

    private ShapedRequests() {
    }

    /**
     * @param model  the Anthropic model id the cloud path named
     * @param stream whether the agent asked for a stream (by path or body)
     * @param path   the canonical path ({@code /v1/messages} or {@code /v1/messages/count_tokens})
     */
    static AgentRequest canonical(AgentRequest shaped, String model, boolean stream, String path) throws UpstreamProtocol.UnsupportedRequest {
        JsonNode json = shaped.json();
        if (json == null || !json.isObject()) {
            throw new UpstreamProtocol.UnsupportedRequest("the request body is not a JSON object");
        }
        CloudBodies.Canonical canonical = CloudBodies.canonical(json, model, stream);
        Headers.Builder headers = shaped.headers().newBuilder()
                .removeAll("content-encoding").removeAll("content-length").set("content-type", "application/json");
        String authorization = shaped.headers().get("authorization");
        if (authorization != null && authorization.startsWith("AWS4-")) {
            headers.removeAll("authorization").removeAll("x-amz-security-token").removeAll("x-amz-date");
        }
        if (shaped.headers().get("anthropic-version") == null) {
            headers.set("anthropic-version", ANTHROPIC_VERSION);
        }
        List<String> betas = canonical.betas();
        if (!betas.isEmpty()) {
            headers.set("anthropic-beta", String.join(",", betas));
        }
        byte[] body = canonical.body().toString().getBytes(StandardCharsets.UTF_8);
        return new AgentRequest("POST", path, null, headers.build(), body, JSON.valueToTree(canonical.body()));
    }
}
