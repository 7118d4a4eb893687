package dev.detour.dialect;

import dev.detour.translate.CloudModels;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude Code in Bedrock mode: {@code POST /model/{id}/invoke} and {@code /invoke-with-response-stream}. The
 * answer goes back as Bedrock sends it: event-stream frames for a stream, Bedrock-format errors.
 */
public final class BedrockAgent implements AgentDialect {
    private static final Pattern ROUTE = Pattern.compile("/model/([^/]+)/(invoke|invoke-with-response-stream)");

    @Override
    public boolean serves(String method, String path) {
        return path.startsWith("/model/");
    }

    @Override
    public AgentRequest canonical(AgentRequest shaped) throws UpstreamProtocol.UnsupportedRequest {
        Matcher route = ROUTE.matcher(shaped.path());
        if (!shaped.method().equals("POST") || !route.matches()) {
            throw new UpstreamProtocol.UnsupportedRequest("detour bridge: the Bedrock shape is served for POST "
                    + "/model/{id}/invoke and /invoke-with-response-stream, not " + shaped.method() + " " + shaped.path());
        }
        String model = CloudModels.anthropic(URLDecoder.decode(route.group(1), StandardCharsets.UTF_8));
        boolean stream = route.group(2).equals("invoke-with-response-stream");
        return ShapedRequests.canonical(shaped, model, stream, "/v1/messages");
    }

    @Override
    public AgentChannel reply(AgentRequest received, AgentChannel agent) {
        return new BedrockAgentChannel(agent);
    }
}
