package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Translates a non-streaming OpenAI Responses reply (a {@code response} object) into an Anthropic Messages reply. */
public final class ResponsesReplyToMessage {
    private ResponsesReplyToMessage() {
    }

    /**
     * @param response the upstream's reply body
     * @throws TranslationException when it did not complete: a failed or cut reply is never passed off as whole
     */
    public static ObjectNode translate(JsonNode response) {
        String status = response.path("status").asText("completed");
        if (!status.equals("completed") && !status.equals("incomplete")) {
            throw new TranslationException("the openai reply has status \"" + status + "\""
                    + (response.path("error").isObject() ? ": " + response.path("error").path("message").asText("") : ""));
        }
        ObjectNode out = Json.object();
        out.put("id", ResponseTranslator.messageId(Json.text(response, "id")));
        out.put("type", "message").put("role", "assistant");
        out.put("model", response.path("model").asText(""));
        ArrayNode content = out.putArray("content");
        boolean calledTools = false;
        boolean refused = false;
        for (JsonNode item : response.path("output")) {
            switch (String.valueOf(Json.text(item, "type"))) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        boolean refusal = "refusal".equals(Json.text(part, "type"));
                        refused |= refusal;
                        String text = refusal ? Json.text(part, "refusal") : Json.text(part, "text");
                        if (text != null && !text.isEmpty()) {
                            content.addObject().put("type", "text").put("text", text);
                        }
                    }
                }
                case "function_call" -> {
                    ObjectNode use = content.addObject().put("type", "tool_use")
                            .put("id", ToolCallIds.sanitize(Json.text(item, "call_id"))).put("name", item.path("name").asText(""));
                    use.set("input", ToolArguments.parse(item.path("arguments").asText("")));
                    calledTools = true;
                }
                default -> {
                    // reasoning stays with the family that made it
                }
            }
        }
        String reason = response.path("incomplete_details").path("reason").asText("");
        String stop = refused || "content_filter".equals(reason) ? "refusal"
                : status.equals("incomplete") ? "max_tokens" : calledTools ? "tool_use" : "end_turn";
        out.put("stop_reason", stop);
        out.putNull("stop_sequence");
        out.set("usage", ResponsesUsage.toAnthropic(response.path("usage")));
        return out;
    }
}
