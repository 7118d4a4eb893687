package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.translate.BedrockFrames;
import dev.detour.wire.SseEvent;
import okhttp3.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers an agent in Bedrock mode as Bedrock would: a stream as event-stream frames (each Anthropic event base64 in
 * a chunk; an {@code error} event as an exception frame), an error as {@code x-amzn-ErrorType} and
 * {@code {"message": ...}}; a successful whole reply is the Anthropic message, as Bedrock's invoke returns it.
 */
final class BedrockAgentChannel implements AgentChannel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AgentChannel agent;

    BedrockAgentChannel(AgentChannel agent) {
        this.agent = agent;
    }

    @Override
    public void sendWhole(int status, Headers headers, byte[] bytes) throws AgentGone {
        Headers.Builder out = new Headers.Builder().add("Content-Type", "application/json");
        String retryAfter = headers.get("retry-after");
        if (retryAfter != null) {
            out.add("retry-after", retryAfter);
        }
        if (status < 400) {
            agent.sendWhole(status, out.build(), bytes);
            return;
        }
        Error error = error(bytes);
        String type = BedrockFrames.exceptionTypeFor(error.type());
        out.add("x-amzn-ErrorType", Character.toUpperCase(type.charAt(0)) + type.substring(1));
        agent.sendWhole(status, out.build(),
                JSON.createObjectNode().put("message", error.message()).toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void startEvents(int status, Headers headers) throws AgentGone {
        agent.startEvents(status, Headers.of("Content-Type", BedrockProtocol.EVENT_STREAM_TYPE));
    }

    @Override
    public void event(SseEvent event) throws AgentGone {
        if (event.type().equals("error")) {
            Error error = error(event.data().getBytes(StandardCharsets.UTF_8));
            agent.frame(BedrockFrames.exception(BedrockFrames.exceptionTypeFor(error.type()), error.message()));
        } else {
            agent.frame(BedrockFrames.chunk(event.data()));
        }
    }

    @Override
    public void frame(byte[] bytes) throws AgentGone {
        agent.frame(bytes);
    }

    private record Error(String type, String message) {
    }

    private static Error error(byte[] anthropicError) {
        try {
            JsonNode error = JSON.readTree(anthropicError).path("error");
            return new Error(error.path("type").asText("api_error"), error.path("message").asText("upstream error"));
        } catch (IOException notJson) {
            return new Error("api_error", new String(anthropicError, StandardCharsets.UTF_8));
        }
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
