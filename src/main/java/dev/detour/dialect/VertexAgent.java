package dev.detour.dialect;

import dev.detour.translate.CloudModels;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude Code in Vertex mode: {@code POST /v1/projects/P/locations/R/publishers/anthropic/models/M:streamRawPredict}
 * (or {@code :rawPredict}, or {@code count-tokens:rawPredict}). Vertex answers in the Anthropic format, so the
 * answer goes back unchanged.
 */
public final class VertexAgent implements AgentDialect {
    private static final Pattern ROUTE = Pattern.compile(
            "/v1/projects/[^/]+/locations/[^/]+/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");

    @Override
    public boolean serves(String method, String path) {
        return path.startsWith("/v1/projects/");
    }

    @Override
    public AgentRequest canonical(AgentRequest shaped) throws UpstreamProtocol.UnsupportedRequest {
        Matcher route = ROUTE.matcher(shaped.path());
        if (!shaped.method().equals("POST") || !route.matches()) {
            throw new UpstreamProtocol.UnsupportedRequest("detour bridge: the Vertex shape is served for POST "
                    + ".../publishers/anthropic/models/MODEL:rawPredict and :streamRawPredict, not " + shaped.method()
                    + " " + shaped.path());
        }
        String model = URLDecoder.decode(route.group(1), StandardCharsets.UTF_8);
        if (model.equals("count-tokens")) {
            String named = shaped.json() == null ? null : shaped.json().path("model").asText(null);
            if (named == null) {
                throw new UpstreamProtocol.UnsupportedRequest("count-tokens: model: Field required");
            }
            return ShapedRequests.canonical(shaped, CloudModels.anthropic(named), false, "/v1/messages/count_tokens");
        }
        boolean stream = route.group(2).equals("streamRawPredict")
                || shaped.json() != null && shaped.json().path("stream").asBoolean(false);
        return ShapedRequests.canonical(shaped, CloudModels.anthropic(model), stream, "/v1/messages");
    }

    @Override
    public AgentChannel reply(AgentRequest received, AgentChannel agent) {
        return agent;
    }
}
