package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Translates a non-streaming OpenAI Chat Completions reply into an Anthropic Messages reply. */
public final class ResponseTranslator {
    private ResponseTranslator() {
    }

    /**
     * @param openai the upstream's reply body
     * @throws TranslationException when it has no choice or no finish reason: a reply cut short is never passed off as complete
     */
    public static ObjectNode translate(JsonNode openai) {
        JsonNode choice = openai.path("choices").path(0);
        if (!choice.isObject()) {
            throw new TranslationException("the openai reply has no choices");
        }
        String finish = Json.text(choice, "finish_reason");
        if (finish == null) {
            throw new TranslationException("the openai reply has no finish_reason");
        }
        JsonNode message = choice.path("message");
        ObjectNode out = Json.object();
        out.put("id", messageId(Json.text(openai, "id")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", openai.path("model").asText(""));
        ArrayNode content = out.putArray("content");
        String text = Json.text(message, "content");
        String refusal = Json.text(message, "refusal");
        if (text != null && !text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        if (refusal != null && !refusal.isEmpty()) {
            content.addObject().put("type", "text").put("text", refusal);
        }
        boolean calledTools = false;
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode block = content.addObject().put("type", "tool_use");
            block.put("id", ToolCallIds.sanitize(Json.text(call, "id")));
            block.put("name", call.path("function").path("name").asText(""));
            block.set("input", ToolArguments.parse(call.path("function").path("arguments").asText("")));
            calledTools = true;
        }
        out.put("stop_reason", refusal != null && !refusal.isEmpty() ? "refusal" : StopReasons.of(finish, calledTools));
        out.putNull("stop_sequence");
        out.set("usage", usage(openai.path("usage")));
        return out;
    }

    /** Anthropic usage from OpenAI usage: cached prompt tokens are reported as cache reads, as Anthropic does. */
    static ObjectNode usage(JsonNode usage) {
        long prompt = usage.path("prompt_tokens").asLong(0);
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        ObjectNode out = Json.object();
        out.put("input_tokens", Math.max(0, prompt - cached));
        out.put("cache_read_input_tokens", cached);
        out.put("output_tokens", usage.path("completion_tokens").asLong(0));
        return out;
    }

    static String messageId(String openaiId) {
        return openaiId == null || openaiId.isEmpty() ? "msg_" + ToolCallIds.fresh().substring(6) : "msg_" + ToolCallIds.sanitize(openaiId);
    }
}
