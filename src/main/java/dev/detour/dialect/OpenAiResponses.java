package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.config.Family;
import dev.detour.config.Upstream;
import dev.detour.translate.MessageEvents;
import dev.detour.translate.MessagesToResponsesRequest;
import dev.detour.translate.ModelMap;
import dev.detour.translate.ResponsesReplyToMessage;
import dev.detour.translate.ResponsesToMessagesStream;
import dev.detour.translate.TranslationException;
import dev.detour.wire.JsonText;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The OpenAI Responses API upstream ({@code api = "responses"}): {@code POST {base}/responses} with
 * {@code Authorization: Bearer}. A Codex agent's request goes as Codex sent it (its model mapped through
 * {@code models} when the table says so) and its stream comes back event by event, unchanged; a canonical Messages
 * request (Claude Code) is translated, and the reply, stream or error translated back. A {@code passthrough}
 * upstream takes Codex's own bearer key, never Claude Code's. {@code count_tokens} and {@code GET /v1/models} are
 * answered as for Chat Completions.
 */
public final class OpenAiResponses implements UpstreamProtocol {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private final OpenAiChatCompletions chat = new OpenAiChatCompletions();

    @Override
    public Family family() {
        return Family.OPENAI;
    }

    @Override
    public String api() {
        return Family.RESPONSES;
    }

    @Override
    public UpstreamAnswer.Body local(AgentRequest request, Upstream upstream) {
        return chat.local(request, upstream);
    }

    @Override
    public UpstreamCall call(AgentRequest request, Upstream upstream, Credential credential) throws UnsupportedRequest {
        boolean passThrough = passThrough(request);
        String bearer = bearer(credential, passThrough);
        if (!(request.method().equals("POST") && request.path().equals("/v1/messages"))) {
            UpstreamCall models = chat.call(request, upstream, new Credential.Key(bearer.substring("Bearer ".length())));
            return models;
        }
        if (request.json() == null) {
            throw new UnsupportedRequest("the request body is not JSON, so it cannot be translated");
        }
        String asked = passThrough ? request.origin().model() : request.model();
        String mapped = ModelMap.map(asked, upstream.models());
        ObjectNode body;
        if (passThrough) {
            body = ((ObjectNode) request.origin().json()).deepCopy();
            if (mapped != null) {
                body.put("model", mapped);
            }
        } else {
            try {
                body = MessagesToResponsesRequest.translate(request.json(), mapped);
            } catch (TranslationException e) {
                throw new UnsupportedRequest("cannot translate to the Responses API: " + e.getMessage());
            }
        }
        Request call = new Request.Builder().url(UpstreamUrls.of(upstream.baseUrl(), "/responses", null))
                .header("Authorization", bearer)
                .header("Accept", request.stream() ? "text/event-stream" : "application/json")
                .post(RequestBody.create(body.toString(), JSON_TYPE)).build();
        return new UpstreamCall(call, mapped != null && !mapped.equals(asked) ? mapped : null);
    }

    @Override
    public UpstreamAnswer success(AgentRequest request, UpstreamCall call, Response response) throws IOException {
        if (!call.request().url().encodedPath().endsWith("/responses")) {
            return chat.success(request, call, response);
        }
        Headers.Builder headers = new Headers.Builder();
        String requestId = response.header("x-request-id");
        if (requestId != null) {
            headers.add("request-id", requestId);
        }
        boolean events = response.header("content-type", "").startsWith("text/event-stream");
        if (events && request.stream()) {
            headers.add("Content-Type", "text/event-stream; charset=utf-8");
            EventSource source = passThrough(request) ? new SseReader(response.body().source(), response)
                    : new TranslatedEvents(response.body().source(), response, new ResponsesToMessagesStream(request.model()));
            return new UpstreamAnswer.Events(response.code(), headers.build(), source);
        }
        byte[] body;
        try (response) {
            body = response.body().bytes();
        }
        headers.add("Content-Type", "application/json");
        if (passThrough(request)) {
            return new UpstreamAnswer.Body(response.code(), headers.build(), body);
        }
        try {
            JsonNode reply = JsonText.tree(body);
            if (reply == null || !reply.isObject()) {
                throw new TranslationException("its reply is not a JSON object");
            }
            ObjectNode message = ResponsesReplyToMessage.translate(reply);
            if (request.stream()) {
                headers.set("Content-Type", "text/event-stream; charset=utf-8");
                return new UpstreamAnswer.Events(response.code(), headers.build(), new Listed(message));
            }
            return new UpstreamAnswer.Body(response.code(), headers.build(), JsonText.bytes(message));
        } catch (IOException | TranslationException e) {
            String why = e instanceof TranslationException ? e.getMessage() : "its reply is not JSON";
            return new UpstreamAnswer.Body(502, headers.build(), AgentErrors.body("api_error",
                    "detour bridge: the openai upstream answered " + response.code() + " but " + why));
        }
    }

    /** OpenAI's error body is the same for both APIs: mapped to the Anthropic error it stands for, as for Chat Completions. */
    @Override
    public UpstreamAnswer.Body failure(AgentRequest request, UpstreamCall call, int status, Headers headers, byte[] body) {
        return chat.failure(request, call, status, headers, body);
    }

    /** Whether the request is a Responses agent's own, which goes upstream unchanged. */
    private static boolean passThrough(AgentRequest request) {
        return request.origin() != null && ResponsesAgent.PATH.equals(request.origin().path())
                && request.origin().json() instanceof ObjectNode;
    }

    /** The upstream's key; for {@code passthrough}, a Codex agent's own bearer key (never Claude Code's credential). */
    private static String bearer(Credential credential, boolean fromResponsesAgent) throws UnsupportedRequest {
        if (credential instanceof Credential.Key key) {
            return "Bearer " + key.value();
        }
        Credential.AgentOwn own = (Credential.AgentOwn) credential;
        if (!fromResponsesAgent) {
            throw new UnsupportedRequest("auth = \"passthrough\" would send the agent's Anthropic credential to an openai "
                    + "upstream; only a Codex agent's own key goes there");
        }
        if (own.authorization() == null || !own.authorization().startsWith("Bearer ")) {
            throw new UnsupportedRequest("auth = \"passthrough\", but the Codex agent sent no bearer key "
                    + "(set env_key in its provider)");
        }
        return own.authorization();
    }

    /** A streamed request that the upstream answered in one piece, handed on as the events the agent expects. */
    private static final class Listed implements EventSource {
        private final Deque<SseEvent> events = new ArrayDeque<>();

        Listed(JsonNode message) {
            events.addAll(MessageEvents.of(message));
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
