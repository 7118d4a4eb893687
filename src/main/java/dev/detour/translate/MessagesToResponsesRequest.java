package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Translates an Anthropic Messages request (the bridge's canonical form) into an OpenAI Responses request, for an
 * upstream with {@code api = "responses"}.
 *
 * <p>The system prompt becomes {@code instructions}; a system turn in the middle of the conversation a
 * {@code developer} message in place. Tool calls become {@code function_call} items and tool results
 * {@code function_call_output} items, right where they were; thinking blocks stay behind (their signatures mean
 * nothing to another family), as do {@code metadata}, {@code top_k}, {@code stop_sequences} (no counterpart) and
 * cache hints. The request is sent with {@code store: false}: the bridge replays the whole conversation each turn.
 */
public final class MessagesToResponsesRequest {
    private MessagesToResponsesRequest() {
    }

    /**
     * @param anthropic   the agent's request body
     * @param mappedModel the model to ask the Responses upstream for (see {@link ModelMap})
     * @throws TranslationException when the request is not a Messages request this translator can read
     */
    public static ObjectNode translate(JsonNode anthropic, String mappedModel) {
        if (anthropic == null || !anthropic.isObject()) {
            throw new TranslationException("the request body is not a JSON object");
        }
        JsonNode messages = anthropic.get("messages");
        if (messages == null || !messages.isArray()) {
            throw new TranslationException("the request has no \"messages\" array");
        }
        ObjectNode out = Json.object();
        out.put("model", mappedModel);
        String system = RequestTranslator.systemText(anthropic.get("system"));
        if (!system.isEmpty()) {
            out.put("instructions", system);
        }
        ArrayNode input = out.putArray("input");
        for (JsonNode message : messages) {
            String role = String.valueOf(Json.text(message, "role"));
            JsonNode content = message.get("content");
            switch (role) {
                case "user" -> user(content, input);
                case "assistant" -> assistant(content, input);
                case "system" -> {
                    String text = RequestTranslator.systemText(content);
                    if (!text.isEmpty()) {
                        input.addObject().put("type", "message").put("role", "developer").put("content", text);
                    }
                }
                default -> throw new TranslationException("a message has role " + role + "; expected user, assistant or system");
            }
        }
        JsonNode maxTokens = anthropic.get("max_tokens");
        if (maxTokens != null && maxTokens.isNumber()) {
            out.set("max_output_tokens", maxTokens);
        }
        for (String field : new String[]{"temperature", "top_p"}) {
            JsonNode v = anthropic.get(field);
            if (v != null && v.isNumber()) {
                out.set(field, v);
            }
        }
        if (tools(anthropic.get("tools"), out)) {
            toolChoice(anthropic.get("tool_choice"), out);
        }
        out.put("store", false);
        if (anthropic.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        return out;
    }

    private static void user(JsonNode content, ArrayNode input) {
        if (content == null || content.isNull() || content.isTextual()) {
            userMessage(input).addObject().put("type", "input_text").put("text", content == null ? "" : content.asText(""));
            return;
        }
        ArrayNode parts = null;
        for (JsonNode block : content) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "tool_result" -> {
                    toolResult(block, input);
                    parts = null;
                }
                case "text" -> (parts = parts != null ? parts : userMessage(input)).add(inputText(block.path("text").asText("")));
                case "image" -> (parts = parts != null ? parts : userMessage(input)).add(image(block));
                case "document" -> (parts = parts != null ? parts : userMessage(input)).add(document(block));
                default -> {
                    // thinking and server-side blocks have no counterpart in a user turn
                }
            }
        }
    }

    private static ArrayNode userMessage(ArrayNode input) {
        return input.addObject().put("type", "message").put("role", "user").putArray("content");
    }

    private static ObjectNode inputText(String text) {
        return Json.object().put("type", "input_text").put("text", text);
    }

    private static void toolResult(JsonNode block, ArrayNode input) {
        ObjectNode item = input.addObject().put("type", "function_call_output")
                .put("call_id", ToolCallIds.sanitize(Json.text(block, "tool_use_id")));
        String prefix = block.path("is_error").asBoolean(false) ? "Error: " : "";
        JsonNode content = block.get("content");
        if (content == null || content.isNull() || content.isTextual()) {
            item.put("output", prefix + (content == null ? "" : content.asText("")));
            return;
        }
        boolean images = false;
        StringBuilder text = new StringBuilder(prefix);
        for (JsonNode part : content) {
            images |= "image".equals(Json.text(part, "type"));
            if ("text".equals(Json.text(part, "type"))) {
                text.append(text.length() > prefix.length() ? "\n\n" : "").append(part.path("text").asText(""));
            }
        }
        if (!images) {
            item.put("output", text.toString());
            return;
        }
        ArrayNode parts = item.putArray("output");
        if (!prefix.isEmpty()) {
            parts.add(inputText(prefix.strip()));
        }
        for (JsonNode part : content) {
            switch (String.valueOf(Json.text(part, "type"))) {
                case "text" -> parts.add(inputText(part.path("text").asText("")));
                case "image" -> parts.add(image(part));
                default -> {
                    // other result parts (search results, documents) have no counterpart in a function output
                }
            }
        }
    }

    private static void assistant(JsonNode content, ArrayNode input) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            assistantText(content.asText(), input);
            return;
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            String type = String.valueOf(Json.text(block, "type"));
            if ("text".equals(type)) {
                text.append(block.path("text").asText(""));
            } else if ("tool_use".equals(type)) {
                assistantText(text.toString(), input);
                text.setLength(0);
                JsonNode arguments = block.get("input");
                input.addObject().put("type", "function_call").put("call_id", ToolCallIds.sanitize(Json.text(block, "id")))
                        .put("name", Json.text(block, "name"))
                        .put("arguments", arguments == null || arguments.isNull() ? "{}" : Json.write(arguments));
            }
        }
        assistantText(text.toString(), input);
    }

    private static void assistantText(String text, ArrayNode input) {
        if (!text.isEmpty()) {
            input.addObject().put("type", "message").put("role", "assistant").put("content", text);
        }
    }

    private static ObjectNode image(JsonNode block) {
        return Json.object().put("type", "input_image").put("image_url", DataUrls.url(block.path("source"), "image/png"))
                .put("detail", "auto");
    }

    private static ObjectNode document(JsonNode block) {
        JsonNode source = block.path("source");
        if ("text".equals(source.path("type").asText(""))) {
            return inputText(source.path("data").asText(""));
        }
        if ("base64".equals(source.path("type").asText(""))) {
            return Json.object().put("type", "input_file").put("filename", block.path("title").asText("document.pdf"))
                    .put("file_data", DataUrls.url(source, "application/pdf"));
        }
        throw new TranslationException("a document has source type \"" + source.path("type").asText("")
                + "\"; only text and base64 documents can be sent to an openai upstream");
    }

    private static boolean tools(JsonNode tools, ObjectNode out) {
        if (tools == null || !tools.isArray()) {
            return false;
        }
        ArrayNode functions = Json.NODES.arrayNode();
        for (JsonNode tool : tools) {
            JsonNode schema = tool.get("input_schema");
            if (schema == null || tool.path("defer_loading").asBoolean(false)) {
                continue; // server tools run on Anthropic's side only; deferred tools need Anthropic's tool search
            }
            ObjectNode function = functions.addObject().put("type", "function").put("name", Json.text(tool, "name"));
            String description = Json.text(tool, "description");
            if (description != null) {
                function.put("description", description);
            }
            function.set("parameters", schema.deepCopy());
            function.put("strict", false);
        }
        if (functions.isEmpty()) {
            return false;
        }
        out.set("tools", functions);
        return true;
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (choice.path("type").asText("")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> out.putObject("tool_choice").put("type", "function").put("name", Json.text(choice, "name"));
            default -> throw new TranslationException("tool_choice has type \"" + choice.path("type").asText("")
                    + "\"; expected auto, any, tool or none");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }
}
