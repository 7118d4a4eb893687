package dev.detour.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.detour.translate.BedrockFrames;
import okhttp3.Headers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers an agent in Bedrock mode as Bedrock would: a stream as event-stream frames (each Anthropic event base64 in
 * a chunk; an {@code error} event as an exception frame), an error as {@code x-amzn-ErrorType} and
 * {@code {"message": ...}}; a successful whole reply is the Anthropic message, as Bedrock's invoke returns it.
 */
final class BedrockAgentChannel implements AgentChannel {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpExchange exchange;
    private OutputStream body;

    BedrockAgentChannel(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void sendWhole(int status, Headers headers, byte[] bytes) throws AgentGone {
        byte[] out = bytes;
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        copyRetryAfter(headers);
        if (status >= 400) {
            Error error = error(bytes);
            String type = BedrockFrames.exceptionTypeFor(error.type());
            exchange.getResponseHeaders().set("x-amzn-ErrorType", Character.toUpperCase(type.charAt(0)) + type.substring(1));
            out = JSON.createObjectNode().put("message", error.message()).toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
                exchange.getResponseBody().flush();
            }
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void startEvents(int status, Headers headers) throws AgentGone {
        try {
            exchange.getResponseHeaders().set("Content-Type", BedrockProtocol.EVENT_STREAM_TYPE);
            exchange.sendResponseHeaders(status, 0);
            body = exchange.getResponseBody();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
    }

    @Override
    public void event(SseEvent event) throws AgentGone {
        byte[] frame;
        if (event.type().equals("error")) {
            Error error = error(event.data().getBytes(StandardCharsets.UTF_8));
            frame = BedrockFrames.exception(BedrockFrames.exceptionTypeFor(error.type()), error.message());
        } else {
            frame = BedrockFrames.chunk(event.data());
        }
        try {
            body.write(frame);
            body.flush();
        } catch (IOException e) {
            throw new AgentGone(e);
        }
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

    private void copyRetryAfter(Headers headers) {
        String retryAfter = headers.get("retry-after");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("retry-after", retryAfter);
        }
    }
}
