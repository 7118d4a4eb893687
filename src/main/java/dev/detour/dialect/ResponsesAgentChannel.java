package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.translate.MessageToResponsesReply;
import dev.detour.translate.MessagesToResponsesStream;
import dev.detour.translate.ResponsesErrors;
import dev.detour.translate.ResponsesTools;
import dev.detour.wire.ResponsesStreamEvents;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The reply channel of a Codex agent: the canonical answer (Anthropic bodies and events) goes out in the Responses
 * shape, and what a Responses upstream sent (events and bodies already in that shape) goes out unchanged. A failure
 * after a passed-through stream started (a cut the bridge reports as an Anthropic {@code error}) ends it with a
 * {@code response.failed} for the same response, never a made-up {@code response.completed}.
 */
final class ResponsesAgentChannel implements AgentChannel {
    private final AgentChannel agent;
    private final ResponsesTools tools;
    private final MessagesToResponsesStream translator;
    private final String model;
    private String passedThroughId;

    ResponsesAgentChannel(AgentChannel agent, ResponsesTools tools, String model) {
        this.agent = agent;
        this.tools = tools;
        this.translator = new MessagesToResponsesStream(tools, model);
        this.model = model;
    }

    @Override
    public void sendWhole(int status, Headers headers, byte[] body) throws AgentGone {
        JsonNode json = parse(body);
        byte[] out = body;
        if (status >= 400) {
            boolean openAiShaped = json != null && json.path("error").isObject() && !json.has("type");
            out = openAiShaped ? body : bytes(ResponsesErrors.body(status, body));
        } else if (json != null && "message".equals(json.path("type").asText())) {
            out = bytes(MessageToResponsesReply.translate(json, tools, model));
        }
        Headers.Builder kept = new Headers.Builder().add("Content-Type", "application/json");
        for (String name : new String[]{"retry-after", "x-should-retry", "x-request-id", "request-id"}) {
            String value = headers.get(name);
            if (value != null) {
                kept.add(name, value);
            }
        }
        agent.sendWhole(status, kept.build(), out);
    }

    @Override
    public void startEvents(int status, Headers headers) throws AgentGone {
        agent.startEvents(status, Headers.of("Content-Type", "text/event-stream; charset=utf-8"));
    }

    @Override
    public void event(SseEvent event) throws AgentGone {
        String type = event.type();
        if (ResponsesStreamEvents.isResponses(type) || (type.equals("error") && !event.json().path("error").isObject())) {
            if (type.equals("response.created")) {
                passedThroughId = event.json().path("response").path("id").asText(null);
            }
            agent.event(event);
            return;
        }
        JsonNode data = event.json();
        if (!data.isObject()) {
            return;
        }
        if (passedThroughId != null && type.equals("error")) {
            agent.event(MessagesToResponsesStream.failed(passedThroughId, model, data.path("error").path("type").asText(null),
                    data.path("error").path("message").asText(null)));
            return;
        }
        for (SseEvent out : translator.translate(new SseEvent(type, data))) {
            agent.event(out);
        }
    }

    @Override
    public void frame(byte[] bytes) throws AgentGone {
        agent.frame(bytes);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = ResponsesAgent.json().readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] bytes(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void flush() throws AgentGone {
        agent.flush();
    }

    @Override
    public void complete() throws AgentGone {
        agent.complete();
    }
}
