package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.translate.ErrorTranslator;
import dev.detour.translate.MessageEvents;
import dev.detour.translate.ModelMap;
import dev.detour.translate.RequestTranslator;
import dev.detour.translate.ResponseTranslator;
import dev.detour.translate.StreamTranslator;
import dev.detour.translate.TokenEstimate;
import dev.detour.translate.TranslationException;
import dev.detour.wire.JsonText;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The OpenAI family: the agent's Messages request is translated to Chat Completions ({@code POST
 * {base}/chat/completions} with {@code Authorization: Bearer}), the model mapped through the upstream's
 * {@code models} table, and the reply, stream or error translated back to Anthropic wire. {@code count_tokens} has no
 * counterpart and is answered locally with an estimate; {@code GET /v1/models} lists the upstream's models.
 */
public final class OpenAiChatCompletions implements UpstreamProtocol {
    /** Marks a locally estimated answer, for the agent and for stats. */
    public static final String ESTIMATE_HEADER = "x-detour-estimate";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final String MESSAGES = "/v1/messages";
    private static final String COUNT_TOKENS = "/v1/messages/count_tokens";
    private static final String MODELS = "/v1/models";

    @Override
    public Family family() {
        return Family.OPENAI;
    }

    @Override
    public String api() {
        return "chat";
    }

    @Override
    public UpstreamAnswer.Body local(AgentRequest agent, Upstream upstream) {
        if (!agent.method().equals("POST") || !agent.path().equals(COUNT_TOKENS)) {
            return null;
        }
        Headers headers = Headers.of("Content-Type", "application/json", ESTIMATE_HEADER, "true");
        if (agent.json() == null || !agent.json().isObject()) {
            return new UpstreamAnswer.Body(400, headers, AgentErrors.body("invalid_request_error",
                    "count_tokens: the request body is not a JSON object"));
        }
        return new UpstreamAnswer.Body(200, headers, bytes(TokenEstimate.reply(agent.json())));
    }

    @Override
    public UpstreamCall call(AgentRequest agent, Upstream upstream, Credential credential) throws UnsupportedRequest {
        String route = agent.method() + " " + agent.path();
        Request.Builder request = new Request.Builder().header("Authorization", bearer(credential));
        if (route.equals("POST " + MESSAGES)) {
            if (agent.json() == null) {
                throw new UnsupportedRequest("the request body is not JSON, so it cannot be translated");
            }
            String mapped = ModelMap.map(agent.model(), upstream.models());
            ObjectNode chat;
            try {
                chat = RequestTranslator.translate(agent.json(), mapped);
            } catch (TranslationException e) {
                throw new UnsupportedRequest("cannot translate to Chat Completions: " + e.getMessage());
            }
            request.url(UpstreamUrls.of(upstream.baseUrl(), "/chat/completions", null))
                    .header("Accept", agent.stream() ? "text/event-stream" : "application/json")
                    .post(RequestBody.create(bytes(chat), JSON_TYPE));
            return new UpstreamCall(request.build(), mapped != null && !mapped.equals(agent.model()) ? mapped : null);
        }
        if (route.equals("GET " + MODELS)) {
            request.url(UpstreamUrls.of(upstream.baseUrl(), "/models", null)).get();
            return new UpstreamCall(request.build(), null);
        }
        throw new UnsupportedRequest("the openai family has no counterpart for " + route);
    }

    @Override
    public UpstreamAnswer success(AgentRequest agent, UpstreamCall call, Response response) throws IOException {
        Headers.Builder headers = requestId(response.headers());
        if (response.header("content-type", "").startsWith("text/event-stream") && agent.stream()) {
            headers.add("Content-Type", "text/event-stream; charset=utf-8");
            return new UpstreamAnswer.Events(response.code(), headers.build(),
                    new TranslatedEvents(response.body().source(), response, new StreamTranslator(agent.model())));
        }
        byte[] body;
        try (response) {
            body = BoundedBody.read(response.body());
        }
        headers.add("Content-Type", "application/json");
        try {
            JsonNode reply = JsonText.tree(body);
            if (reply == null || !reply.isObject()) {
                throw new TranslationException("its reply is not a JSON object");
            }
            if (agent.path().equals(MODELS)) {
                return new UpstreamAnswer.Body(response.code(), headers.build(), bytes(models(reply)));
            }
            ObjectNode message = ResponseTranslator.translate(reply);
            if (agent.stream()) {
                headers.set("Content-Type", "text/event-stream; charset=utf-8");
                return new UpstreamAnswer.Events(response.code(), headers.build(), new WholeMessageEvents(message));
            }
            return new UpstreamAnswer.Body(response.code(), headers.build(), bytes(message));
        } catch (IOException | TranslationException e) {
            String why = e instanceof TranslationException ? e.getMessage() : "its reply is not JSON";
            return new UpstreamAnswer.Body(502, headers.build(), AgentErrors.body("api_error",
                    "detour bridge: the openai upstream answered " + response.code() + " but " + why));
        }
    }

    @Override
    public UpstreamAnswer.Body failure(AgentRequest agent, UpstreamCall call, int status, Headers upstream, byte[] body) {
        Headers.Builder headers = requestId(upstream).add("Content-Type", "application/json");
        ErrorTranslator.Translated error = ErrorTranslator.translate(status, new String(body, StandardCharsets.UTF_8));
        String retryAfter = upstream.get("retry-after");
        if (retryAfter != null && error.temporary()) {
            headers.add("retry-after", retryAfter);
        }
        if (!error.temporary()) {
            headers.add("x-should-retry", "false");
        }
        return new UpstreamAnswer.Body(error.status(), headers.build(), bytes(error.body()));
    }

    /** OpenAI's {@code x-request-id} as the Anthropic {@code request-id}. */
    private static Headers.Builder requestId(Headers upstream) {
        Headers.Builder headers = new Headers.Builder();
        String requestId = upstream.get("x-request-id");
        if (requestId != null) {
            headers.add("request-id", requestId);
        }
        return headers;
    }

    /** The Anthropic {@code GET /v1/models} page for the upstream's model list. */
    static ObjectNode models(JsonNode list) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (JsonNode model : list.path("data")) {
            String id = model.path("id").asText();
            long created = model.path("created").asLong(0);
            data.addObject().put("type", "model").put("id", id).put("display_name", id)
                    .put("created_at", java.time.Instant.ofEpochSecond(created).toString());
        }
        page.put("has_more", false);
        page.set("first_id", data.isEmpty() ? null : data.get(0).get("id"));
        page.set("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
        return page;
    }

    /**
     * The upstream's own key as a bearer token. The config refuses {@code passthrough} for the openai family: the
     * agent's credential is an Anthropic one and never goes to another provider.
     */
    private static String bearer(Credential credential) throws UnsupportedRequest {
        if (credential instanceof Credential.Key key) {
            return "Bearer " + key.value();
        }
        throw new UnsupportedRequest("an openai upstream needs auth = \"env:VAR\"; the agent's own credential is not sent to it");
    }

    private static byte[] bytes(JsonNode node) {
        return JsonText.bytes(node);
    }

    /** A streamed request that the upstream answered in one piece, handed on as the events the agent expects. */
    static final class WholeMessageEvents implements EventSource {
        private final Deque<SseEvent> events;

        WholeMessageEvents(JsonNode message) {
            this.events = new ArrayDeque<>(MessageEvents.of(message));
        }

        @Override
        public SseEvent next() {
            return events.poll();
        }

        @Override
        public void close() {
            events.clear();
        }
    }
}
