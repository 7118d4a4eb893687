package dev.detour.dialect;

import dev.detour.wire.SseEvent;

import dev.detour.config.Upstream;
import dev.detour.translate.BetaPolicy;
import dev.detour.translate.CloudErrors;
import dev.detour.translate.TokenEstimate;
import okhttp3.Headers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the Bedrock and Vertex protocols share: the routes they serve, beta filtering with its log notes, errors. */
final class CloudCalls {
    static final String MESSAGES = "/v1/messages";
    static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** The betas this upstream may get, and a note for each flag dropped for the first time. */
    record Betas(List<String> kept, List<String> notes) {
    }

    /** @param table the dialect's flags, used unless the upstream names its own ({@code betas = [...]}) */
    Betas betas(AgentRequest agent, Upstream upstream, Set<String> table) {
        Set<String> allowed = upstream.betas() != null ? Set.copyOf(upstream.betas()) : table;
        BetaPolicy.Split split = BetaPolicy.split(agent.headers().get("anthropic-beta"), allowed);
        List<String> notes = new ArrayList<>();
        for (String flag : split.dropped()) {
            if (reported.add(upstream.name() + " " + flag)) {
                notes.add("beta " + flag + " not sent to " + upstream.name() + " (api = " + upstream.kind().wireName()
                        + " does not accept it); requests go on without it");
            }
        }
        return new Betas(split.kept(), notes);
    }

    /** Throws unless the request is one a cloud serves: messages (streamed or not). */
    static void checkRoute(AgentRequest agent, Upstream upstream) throws UpstreamProtocol.UnsupportedRequest {
        if (!agent.method().equals("POST") || !agent.path().equals(MESSAGES)) {
            throw new UpstreamProtocol.UnsupportedRequest(upstream.name() + " (api = " + upstream.kind().wireName()
                    + ") serves POST " + MESSAGES + " only, not " + agent.method() + " " + agent.path());
        }
        if (agent.json() == null || !agent.json().isObject()) {
            throw new UpstreamProtocol.UnsupportedRequest("the request body is not a JSON object");
        }
    }

    static UpstreamProtocol.UnsupportedRequest noModel(AgentRequest agent, Upstream upstream) {
        return new UpstreamProtocol.UnsupportedRequest(upstream.name() + " has no " + upstream.kind().wireName()
                + " model for \"" + agent.model() + "\": add it to models (opus, sonnet, haiku or default) in [upstreams."
                + upstream.name() + "]");
    }

    /** A token count answered locally (an estimate, marked as such), for clouds that have no count endpoint here. */
    static UpstreamAnswer.Body estimate(AgentRequest agent) {
        if (!agent.method().equals("POST") || !agent.path().equals(COUNT_TOKENS)) {
            return null;
        }
        Headers headers = Headers.of("Content-Type", "application/json", OpenAiChatCompletions.ESTIMATE_HEADER, "true");
        if (agent.json() == null || !agent.json().isObject()) {
            return new UpstreamAnswer.Body(400, headers, AgentErrors.body("invalid_request_error",
                    "count_tokens: the request body is not a JSON object"));
        }
        return new UpstreamAnswer.Body(200, headers, TokenEstimate.reply(agent.json()).toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An error answer in the Anthropic format, with the status that gives it its failure class. */
    static UpstreamAnswer.Body error(Headers upstream, CloudErrors.AnthropicError error) {
        Headers.Builder headers = new Headers.Builder().add("Content-Type", "application/json");
        String retryAfter = upstream.get("retry-after");
        if (retryAfter != null) {
            headers.add("retry-after", retryAfter);
        }
        return new UpstreamAnswer.Body(error.status(), headers.build(), error.body().toString().getBytes(StandardCharsets.UTF_8));
    }
}
