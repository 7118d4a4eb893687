package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Translates an OpenAI Responses request (what Codex sends) into an Anthropic Messages request, the bridge's canonical
 * form.
 *
 * <p>{@code instructions} and every {@code developer}/{@code system} message become the system prompt, in order.
 * Consecutive {@code function_call} items (parallel tool calls) and the assistant's text join one assistant turn;
 * the {@code function_call_output} items that answer them join the next user turn, first, as Anthropic requires.
 * Reasoning items are dropped: their encrypted content means nothing to another family. An output whose call was
 * dropped (a built-in tool's) is kept as plain text so the conversation stays valid. See {@link ResponsesTools} for
 * the tools.
 */
public final class ResponsesToMessagesRequest {
    /**
     * Messages requires {@code max_tokens} and Codex sends none: a budget every current Claude model accepts and that
     * a long coding answer does not run into.
     */
    static final int DEFAULT_MAX_TOKENS = 32_000;

    private ResponsesToMessagesRequest() {
    }

    /**
     * @param responses   the agent's request body
     * @param mappedModel the model to ask the Anthropic side for (see {@link ModelMap})
     * @throws TranslationException when the body is not a Responses request this translator can read
     */
    public static ObjectNode translate(JsonNode responses, String mappedModel) {
        if (responses == null || !responses.isObject()) {
            throw new TranslationException("the request body is not a JSON object");
        }
        JsonNode input = responses.get("input");
        if (input == null || !(input.isArray() || input.isTextual())) {
            throw new TranslationException("the request has no \"input\" (a string or an array of items)");
        }
        ObjectNode out = Json.object();
        out.put("model", mappedModel);
        List<String> system = new ArrayList<>();
        String instructions = Json.text(responses, "instructions");
        if (instructions != null && !instructions.isBlank()) {
            system.add(instructions);
        }
        ArrayNode messages = Json.NODES.arrayNode();
        if (input.isTextual()) {
            turn(messages, "user").add(textBlock(input.asText()));
        } else {
            Set<String> calls = new HashSet<>();
            for (JsonNode item : input) {
                item(item, messages, system, calls);
            }
        }
        if (!system.isEmpty()) {
            out.put("system", String.join("\n\n", system));
        }
        out.set("messages", messages);
        JsonNode maxTokens = responses.get("max_output_tokens");
        out.put("max_tokens", maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);
        for (String field : List.of("temperature", "top_p")) {
            JsonNode v = responses.get(field);
            if (v != null && v.isNumber()) {
                out.set(field, v);
            }
        }
        ResponsesTools tools = ResponsesTools.of(responses.get("tools"));
        if (!tools.anthropic().isEmpty()) {
            out.set("tools", tools.anthropic());
            toolChoice(responses.get("tool_choice"), responses.path("parallel_tool_calls").asBoolean(true), out);
        }
        if (responses.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return out;
    }

    private static void item(JsonNode item, ArrayNode messages, List<String> system, Set<String> calls) {
        String type = Json.text(item, "type");
        if (type == null && item.has("role")) {
            type = "message";
        }
        switch (String.valueOf(type)) {
            case "message" -> message(item, messages, system);
            case "function_call" -> {
                String id = ToolCallIds.sanitize(Json.text(item, "call_id"));
                calls.add(id);
                ObjectNode use = turn(messages, "assistant").addObject().put("type", "tool_use").put("id", id)
                        .put("name", Json.text(item, "name"));
                use.set("input", ToolArguments.parse(item.path("arguments").asText("")));
            }
            case "custom_tool_call" -> {
                String id = ToolCallIds.sanitize(Json.text(item, "call_id"));
                calls.add(id);
                ObjectNode use = turn(messages, "assistant").addObject().put("type", "tool_use").put("id", id)
                        .put("name", Json.text(item, "name"));
                use.putObject("input").put(ResponsesTools.CUSTOM_INPUT, item.path("input").asText(""));
            }
            case "function_call_output", "custom_tool_call_output" -> output(item, messages, calls);
            default -> {
                // reasoning (bound to the family that made it), item references and built-in tool calls have no
                // counterpart in another family
            }
        }
    }

    private static void message(JsonNode item, ArrayNode messages, List<String> system) {
        String role = String.valueOf(Json.text(item, "role"));
        JsonNode content = item.get("content");
        switch (role) {
            case "developer", "system" -> {
                String text = text(content);
                if (!text.isBlank()) {
                    system.add(text);
                }
            }
            case "assistant" -> {
                String text = text(content);
                if (!text.isEmpty()) {
                    turn(messages, "assistant").add(textBlock(text));
                }
            }
            case "user" -> {
                ArrayNode blocks = turn(messages, "user");
                if (content == null || content.isTextual()) {
                    blocks.add(textBlock(content == null ? "" : content.asText()));
                    return;
                }
                for (JsonNode part : content) {
                    ObjectNode block = userBlock(part);
                    if (block != null) {
                        blocks.add(block);
                    }
                }
            }
            default -> throw new TranslationException("a message has role " + role
                    + "; expected user, assistant, developer or system");
        }
    }

    private static void output(JsonNode item, ArrayNode messages, Set<String> calls) {
        String id = ToolCallIds.sanitize(Json.text(item, "call_id"));
        JsonNode output = item.get("output");
        ArrayNode blocks = turn(messages, "user");
        if (!calls.contains(id)) {
            blocks.add(textBlock("(output of tool call " + id + ") " + text(output)));
            return;
        }
        ObjectNode result = Json.object().put("type", "tool_result").put("tool_use_id", id);
        if (output != null && output.isArray()) {
            ArrayNode parts = result.putArray("content");
            for (JsonNode part : output) {
                ObjectNode block = userBlock(part);
                if (block != null) {
                    parts.add(block);
                }
            }
        } else {
            result.put("content", output == null || output.isNull() ? "" : output.isTextual() ? output.asText() : Json.write(output));
        }
        int firstOther = 0;
        while (firstOther < blocks.size() && "tool_result".equals(Json.text(blocks.get(firstOther), "type"))) {
            firstOther++;
        }
        blocks.insert(firstOther, result);
    }

    /** The content array of the last message when it has {@code role}, else of a new message with that role. */
    private static ArrayNode turn(ArrayNode messages, String role) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(Json.text(last, "role"))) {
            return (ArrayNode) last.get("content");
        }
        ObjectNode message = messages.addObject().put("role", role);
        return message.putArray("content");
    }

    private static ObjectNode userBlock(JsonNode part) {
        return switch (String.valueOf(Json.text(part, "type"))) {
            case "input_text", "output_text", "text" -> textBlock(part.path("text").asText(""));
            case "input_image" -> image(part);
            case "input_file" -> file(part);
            default -> null;
        };
    }

    private static ObjectNode image(JsonNode part) {
        String url = Json.text(part, "image_url");
        if (url == null) {
            throw new TranslationException("an input_image has no image_url (uploaded file ids cannot be sent to another family)");
        }
        ObjectNode block = Json.object().put("type", "image");
        block.set("source", DataUrls.source(url));
        return block;
    }

    private static ObjectNode file(JsonNode part) {
        String data = Json.text(part, "file_data");
        if (data == null) {
            throw new TranslationException("an input_file has no file_data (uploaded file ids cannot be sent to another family)");
        }
        ObjectNode block = Json.object().put("type", "document");
        block.set("source", DataUrls.source(data.startsWith("data:") ? data : "data:application/pdf;base64," + data));
        String name = Json.text(part, "filename");
        if (name != null) {
            block.put("title", name);
        }
        return block;
    }

    /** The text of a message's content: a string, or its text parts joined. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String t = part.isTextual() ? part.asText() : Json.text(part, "text");
            if (t == null) {
                t = Json.text(part, "refusal");
            }
            if (t != null) {
                text.append(text.isEmpty() ? "" : "\n\n").append(t);
            }
        }
        return text.toString();
    }

    private static ObjectNode textBlock(String text) {
        return Json.object().put("type", "text").put("text", text);
    }

    private static void toolChoice(JsonNode choice, boolean parallel, ObjectNode out) {
        ObjectNode anthropic = Json.object();
        String mode = choice == null ? "auto" : choice.isTextual() ? choice.asText() : Json.text(choice, "type");
        switch (String.valueOf(mode)) {
            case "auto" -> anthropic.put("type", "auto");
            case "required" -> anthropic.put("type", "any");
            case "none" -> anthropic.put("type", "none");
            case "function", "custom" -> anthropic.put("type", "tool").put("name", Json.text(choice, "name"));
            default -> anthropic.put("type", "auto");
        }
        if (!parallel && !"none".equals(mode)) {
            anthropic.put("disable_parallel_tool_use", true);
        }
        out.set("tool_choice", anthropic);
    }
}
