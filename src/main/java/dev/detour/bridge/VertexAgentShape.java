package dev.detour.bridge;

import com.sun.net.httpserver.HttpExchange;
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
final class VertexAgentShape implements AgentShape {
    private static final Pattern ROUTE = Pattern.compile(
            "/v1/projects/[^/]+/locations/[^/]+/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");

    static boolean matches(String path) {
        return path.startsWith("/v1/projects/");
    }

    @Override
    public AgentRequest canonical(AgentRequest shaped) throws Refused {
        Matcher route = ROUTE.matcher(shaped.path());
        if (!shaped.method().equals("POST") || !route.matches()) {
            throw new Refused(404, "detour bridge: the Vertex shape is served for POST .../publishers/anthropic/models/"
                    + "MODEL:rawPredict and :streamRawPredict, not " + shaped.method() + " " + shaped.path());
        }
        String model = URLDecoder.decode(route.group(1), StandardCharsets.UTF_8);
        if (model.equals("count-tokens")) {
            String named = shaped.json() == null ? null : shaped.json().path("model").asText(null);
            if (named == null) {
                throw new Refused(400, "count-tokens: model: Field required");
            }
            return ShapedRequests.canonical(shaped, CloudModels.anthropic(named), false, "/v1/messages/count_tokens");
        }
        boolean stream = route.group(2).equals("streamRawPredict")
                || shaped.json() != null && shaped.json().path("stream").asBoolean(false);
        return ShapedRequests.canonical(shaped, CloudModels.anthropic(model), stream, "/v1/messages");
    }

    @Override
    public AgentChannel channel(HttpExchange exchange) {
        return new ExchangeChannel(exchange);
    }
}
