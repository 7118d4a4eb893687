package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Token usage between the two shapes. Responses counts cached input inside {@code input_tokens}
 * ({@code input_tokens_details.cached_tokens}); Anthropic counts cache reads and writes beside it.
 */
public final class ResponsesUsage {
    private ResponsesUsage() {
    }

    /** Anthropic usage from Responses usage. */
    public static ObjectNode toAnthropic(JsonNode usage) {
        long input = usage.path("input_tokens").asLong(0);
        long cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
        return Json.object().put("input_tokens", Math.max(0, input - cached)).put("cache_read_input_tokens", cached)
                .put("output_tokens", usage.path("output_tokens").asLong(0));
    }

    /** Responses usage from Anthropic usage. */
    public static ObjectNode toResponses(JsonNode usage) {
        long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
        long input = usage.path("input_tokens").asLong(0) + cacheRead + usage.path("cache_creation_input_tokens").asLong(0);
        long output = usage.path("output_tokens").asLong(0);
        ObjectNode out = Json.object().put("input_tokens", input);
        out.putObject("input_tokens_details").put("cached_tokens", cacheRead);
        out.put("output_tokens", output);
        out.putObject("output_tokens_details").put("reasoning_tokens", 0);
        out.put("total_tokens", input + output);
        return out;
    }
}
