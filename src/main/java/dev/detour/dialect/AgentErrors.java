package dev.detour.dialect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.wire.SseEvent;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Errors the bridge itself answers, in the Anthropic error format agents understand. */
public final class AgentErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentErrors() {
    }

    /** {@code {"type":"error","error":{"type":TYPE,"message":MESSAGE},"request_id":"req_detour_..."}} */
    public static byte[] body(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        body.put("request_id", "req_detour_" + UUID.randomUUID().toString().replace("-", ""));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The stream event that ends a stream the bridge cannot complete; the agent's retry lands on a working upstream. */
    public static SseEvent streamError(String type, String message) {
        ObjectNode data = JSON.createObjectNode().put("type", "error");
        data.putObject("error").put("type", type).put("message", message);
        return new SseEvent("error", data.toString());
    }
}
