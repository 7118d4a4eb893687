package dev.detour.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Tool arguments: a JSON string in OpenAI's APIs, an object in Anthropic's. */
final class ToolArguments {
    private ToolArguments() {
    }

    /**
     * The arguments as an object. Arguments that are not a JSON object (a model's bad output) are handed over as
     * {@code {"invalid_arguments": "..."}}, so the agent's own input validation reports it to the model instead of the
     * whole reply failing.
     */
    static JsonNode parse(String arguments) {
        if (arguments.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(arguments);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // falls through to the explicit wrapper below
        }
        return Json.object().put("invalid_arguments", arguments);
    }
}
