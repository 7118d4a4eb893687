package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * Translates a non-streaming Anthropic Messages reply into the {@code response} object a Responses agent reads: text
 * blocks become one {@code message} item, each {@code tool_use} a {@code function_call} (or {@code custom_tool_call})
 * item; thinking is dropped.
 */
public final class MessageToResponsesReply {
    private MessageToResponsesReply() {
    }

    /**
     * @param message        the Anthropic reply
     * @param tools          the agent's tools (how each call goes back)
     * @param requestedModel the model the agent asked for
     */
    public static ObjectNode translate(JsonNode message, ResponsesTools tools, String requestedModel) {
        String id = Json.text(message, "id");
        String responseId = "resp_" + (id == null ? ToolCallIds.fresh().substring(6) : ToolCallIds.sanitize(id.replaceFirst("^msg_", "")));
        String stop = Json.text(message, "stop_reason");
        boolean incomplete = "max_tokens".equals(stop) || "refusal".equals(stop);
        ObjectNode out = Json.object().put("id", responseId).put("object", "response")
                .put("created_at", Instant.now().getEpochSecond()).put("status", incomplete ? "incomplete" : "completed")
                .put("model", requestedModel != null ? requestedModel : message.path("model").asText(""));
        ArrayNode output = out.putArray("output");
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            String type = String.valueOf(Json.text(block, "type"));
            if ("text".equals(type)) {
                text.append(block.path("text").asText(""));
            } else if ("tool_use".equals(type)) {
                addText(text, responseId, output);
                String callId = ToolCallIds.sanitize(Json.text(block, "id"));
                String name = block.path("name").asText("");
                ResponsesTools.Kind kind = tools.kind(name);
                if (kind instanceof ResponsesTools.Custom) {
                    output.addObject().put("id", "ctc_" + callId).put("type", "custom_tool_call").put("status", "completed")
                            .put("call_id", callId).put("name", name)
                            .put("input", block.path("input").path(ResponsesTools.CUSTOM_INPUT).asText(""));
                } else {
                    ObjectNode call = output.addObject().put("id", "fc_" + callId).put("type", "function_call")
                            .put("status", "completed").put("call_id", callId).put("name", name)
                            .put("arguments", Json.write(block.path("input").isObject() ? block.get("input") : Json.object()));
                    String namespace = ((ResponsesTools.Function) kind).namespace();
                    if (namespace != null) {
                        call.put("namespace", namespace);
                    }
                }
            }
        }
        addText(text, responseId, output);
        if (incomplete) {
            out.putObject("incomplete_details").put("reason", "max_tokens".equals(stop) ? "max_output_tokens" : "content_filter");
        } else {
            out.putNull("incomplete_details");
        }
        out.putNull("error");
        out.set("usage", ResponsesUsage.toResponses(message.path("usage")));
        return out;
    }

    private static void addText(StringBuilder text, String responseId, ArrayNode output) {
        if (text.isEmpty()) {
            return;
        }
        ObjectNode item = output.addObject().put("id", "msg_" + responseId.substring(5) + "_" + output.size())
                .put("type", "message").put("status", "completed").put("role", "assistant");
        ObjectNode part = item.putArray("content").addObject().put("type", "output_text").put("text", text.toString());
        part.putArray("annotations");
        text.setLength(0);
    }
}
