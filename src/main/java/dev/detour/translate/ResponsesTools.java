package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tools of a Responses request as Anthropic tools, and how a call of each must go back to the agent. Function
 * tools map one to one; Codex's {@code namespace} tools are flattened into their inner tools (the call goes back with
 * its {@code namespace}); a {@code custom} (free-form) tool becomes a tool with one string parameter {@code input};
 * built-in tools that only OpenAI runs ({@code web_search}, {@code file_search}, …) are left out.
 *
 * @param anthropic the Anthropic {@code tools} array
 * @param kinds     tool name to how a call of it is written back to the agent
 */
public record ResponsesTools(ArrayNode anthropic, Map<String, Kind> kinds) {
    /** How a call of a tool goes back to a Responses agent. */
    public sealed interface Kind {
    }

    /** A {@code function_call} item; {@code namespace} is the namespace it came from, or null. */
    public record Function(String namespace) implements Kind {
    }

    /** A {@code custom_tool_call} item whose {@code input} is the string the model wrote. */
    public record Custom() implements Kind {
    }

    /** The parameter that carries a custom tool's free-form input through a family whose tools take JSON. */
    public static final String CUSTOM_INPUT = "input";

    public ResponsesTools {
        kinds = Map.copyOf(kinds);
    }

    /** No tools: every call goes back as a plain function call. */
    public static ResponsesTools none() {
        return new ResponsesTools(Json.NODES.arrayNode(), Map.of());
    }

    /** @param tools the Responses {@code tools} array (may be null) */
    public static ResponsesTools of(JsonNode tools) {
        ArrayNode out = Json.NODES.arrayNode();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        if (tools != null) {
            for (JsonNode tool : tools) {
                add(tool, null, out, kinds);
            }
        }
        return new ResponsesTools(out, kinds);
    }

    /** How a call of {@code name} goes back; a name the request did not offer goes back as a function call. */
    public Kind kind(String name) {
        return kinds.getOrDefault(name, new Function(null));
    }

    private static void add(JsonNode tool, String namespace, ArrayNode out, Map<String, Kind> kinds) {
        String type = String.valueOf(Json.text(tool, "type"));
        String name = Json.text(tool, "name");
        switch (type) {
            case "function" -> {
                if (name == null || kinds.containsKey(name)) {
                    return;
                }
                JsonNode parameters = tool.get("parameters");
                ObjectNode schema = parameters != null && parameters.isObject() ? ((ObjectNode) parameters).deepCopy()
                        : Json.object().put("type", "object");
                out.add(anthropicTool(name, Json.text(tool, "description"), schema));
                kinds.put(name, new Function(namespace));
            }
            case "custom" -> {
                if (name == null || kinds.containsKey(name)) {
                    return;
                }
                ObjectNode schema = Json.object().put("type", "object");
                schema.putObject("properties").putObject(CUSTOM_INPUT).put("type", "string")
                        .put("description", "the tool's whole input, as free-form text");
                schema.putArray("required").add(CUSTOM_INPUT);
                out.add(anthropicTool(name, Json.text(tool, "description"), schema));
                kinds.put(name, new Custom());
            }
            case "namespace" -> {
                for (JsonNode inner : tool.path("tools")) {
                    add(inner, name, out, kinds);
                }
            }
            default -> {
                // built-in tools (web_search, file_search, code_interpreter, image_generation, local_shell, …) run on
                // OpenAI's side only: another family cannot run them, so the model is not offered them
            }
        }
    }

    private static ObjectNode anthropicTool(String name, String description, ObjectNode schema) {
        ObjectNode tool = Json.object().put("name", name);
        if (description != null && !description.isEmpty()) {
            tool.put("description", description);
        }
        if (!schema.has("type")) {
            schema.put("type", "object");
        }
        tool.set("input_schema", schema);
        return tool;
    }
}
