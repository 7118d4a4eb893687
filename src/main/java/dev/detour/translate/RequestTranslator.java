package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates an Anthropic Messages request into an OpenAI Chat Completions request.
 *
 * <p>Thinking blocks are dropped from the history (their signatures mean nothing to another family, and they are never
 * forwarded as fake content); {@code metadata}, {@code top_k}, {@code thinking} and cache hints have no Chat
 * Completions counterpart and are dropped. System messages in the middle of the conversation (Claude Code's per-turn
 * context) stay system messages in place. Tool results become {@code tool} messages placed right after the assistant
 * message that called them, as Chat Completions requires; what else the same user turn says follows them.
 */
public final class RequestTranslator {
    /** Claude Code's accounting line at the top of the system prompt: metadata for Anthropic, noise for another model. */
    private static final String BILLING_HEADER = "x-anthropic-billing-header:";

    private RequestTranslator() {
    }

    /**
     * @param anthropic   the agent's request body
     * @param mappedModel the model to ask the OpenAI upstream for (see {@link ModelMap})
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
        ArrayNode chat = out.putArray("messages");
        String system = systemText(anthropic.get("system"));
        if (!system.isEmpty()) {
            chat.addObject().put("role", "system").put("content", system);
        }
        for (JsonNode message : messages) {
            String role = Json.text(message, "role");
            if ("user".equals(role)) {
                addUser(chat, message.get("content"));
            } else if ("assistant".equals(role)) {
                addAssistant(chat, message.get("content"));
            } else if ("system".equals(role)) {
                String text = systemText(message.get("content"));
                if (!text.isEmpty()) {
                    chat.addObject().put("role", "system").put("content", text);
                }
            } else {
                throw new TranslationException("a message has role " + role + "; expected user, assistant or system");
            }
        }
        copyNumber(anthropic, "max_tokens", out, "max_completion_tokens");
        copyNumber(anthropic, "temperature", out, "temperature");
        copyNumber(anthropic, "top_p", out, "top_p");
        JsonNode stop = anthropic.get("stop_sequences");
        if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop", stop.deepCopy());
        }
        boolean hasTools = addTools(anthropic.get("tools"), out);
        if (hasTools) {
            addToolChoice(anthropic.get("tool_choice"), out);
        }
        if (anthropic.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        return out;
    }

    static String systemText(JsonNode system) {
        if (system == null || system.isNull()) {
            return "";
        }
        if (system.isTextual()) {
            return system.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode block : system) {
            String text = Json.text(block, "text");
            if (text != null && !text.isEmpty() && !text.startsWith(BILLING_HEADER)) {
                parts.add(text);
            }
        }
        return String.join("\n\n", parts);
    }

    private static void addUser(ArrayNode chat, JsonNode content) {
        if (content == null || content.isNull()) {
            chat.addObject().put("role", "user").put("content", "");
            return;
        }
        if (content.isTextual()) {
            chat.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        ArrayNode parts = Json.NODES.arrayNode();
        int toolResults = 0;
        for (JsonNode block : content) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "tool_result" -> {
                    addToolResult(chat, block, parts);
                    toolResults++;
                }
                case "text" -> parts.addObject().put("type", "text").put("text", block.path("text").asText(""));
                case "image" -> parts.add(imagePart(block));
                case "document" -> parts.add(documentPart(block));
                default -> {
                    // thinking blocks and server-side blocks have no counterpart in a user turn
                }
            }
        }
        if (!parts.isEmpty() || toolResults == 0) {
            chat.addObject().put("role", "user").set("content", collapse(parts));
        }
    }

    /** A tool result becomes a {@code tool} message; images in it follow in the next user message. */
    private static void addToolResult(ArrayNode chat, JsonNode block, ArrayNode followingParts) {
        String id = ToolCallIds.sanitize(Json.text(block, "tool_use_id"));
        JsonNode content = block.get("content");
        StringBuilder text = new StringBuilder();
        if (content != null && content.isTextual()) {
            text.append(content.asText());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                String type = Json.text(part, "type");
                if ("text".equals(type)) {
                    if (!text.isEmpty()) {
                        text.append("\n\n");
                    }
                    text.append(part.path("text").asText(""));
                } else if ("image".equals(type)) {
                    followingParts.addObject().put("type", "text").put("text", "(image returned by tool call " + id + ")");
                    followingParts.add(imagePart(part));
                }
            }
        }
        String body = block.path("is_error").asBoolean(false) ? "Error: " + text : text.toString();
        chat.addObject().put("role", "tool").put("tool_call_id", id).put("content", body);
    }

    private static void addAssistant(ArrayNode chat, JsonNode content) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                chat.addObject().put("role", "assistant").put("content", content.asText());
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        ArrayNode calls = Json.NODES.arrayNode();
        for (JsonNode block : content) {
            String type = String.valueOf(Json.text(block, "type"));
            if ("text".equals(type)) {
                text.append(block.path("text").asText(""));
            } else if ("tool_use".equals(type)) {
                ObjectNode call = calls.addObject();
                call.put("id", ToolCallIds.sanitize(Json.text(block, "id")));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", Json.text(block, "name"));
                JsonNode input = block.get("input");
                function.put("arguments", input == null || input.isNull() ? "{}" : Json.write(input));
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return; // a turn that held only thinking: nothing to say in another family
        }
        ObjectNode message = chat.addObject().put("role", "assistant");
        if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    private static ObjectNode imagePart(JsonNode block) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText("")) {
            case "base64" -> "data:" + source.path("media_type").asText("image/png") + ";base64," + source.path("data").asText("");
            case "url" -> source.path("url").asText("");
            default -> throw new TranslationException("an image has source type \"" + source.path("type").asText("")
                    + "\"; only base64 and url images can be sent to an openai upstream");
        };
        ObjectNode part = Json.object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static ObjectNode documentPart(JsonNode block) {
        JsonNode source = block.path("source");
        String type = source.path("type").asText("");
        if ("text".equals(type)) {
            return Json.object().put("type", "text").put("text", source.path("data").asText(""));
        }
        if ("base64".equals(type)) {
            ObjectNode part = Json.object().put("type", "file");
            ObjectNode file = part.putObject("file");
            file.put("filename", block.path("title").asText("document.pdf"));
            file.put("file_data", "data:" + source.path("media_type").asText("application/pdf") + ";base64,"
                    + source.path("data").asText(""));
            return part;
        }
        throw new TranslationException("a document has source type \"" + type
                + "\"; only text and base64 documents can be sent to an openai upstream");
    }

    /** A single text part becomes a plain string, which every compatible server accepts; several stay parts. */
    private static JsonNode collapse(ArrayNode parts) {
        if (parts.size() == 1 && "text".equals(Json.text(parts.get(0), "type"))) {
            return Json.NODES.textNode(parts.get(0).path("text").asText(""));
        }
        return parts.isEmpty() ? Json.NODES.textNode("") : parts;
    }

    private static boolean addTools(JsonNode tools, ObjectNode out) {
        if (tools == null || !tools.isArray()) {
            return false;
        }
        ArrayNode functions = Json.NODES.arrayNode();
        for (JsonNode tool : tools) {
            JsonNode schema = tool.get("input_schema");
            if (schema == null || tool.path("defer_loading").asBoolean(false)) {
                // server tools (web search, code execution) run on Anthropic's side only; deferred tools are not
                // callable until a tool search loads them, which only Anthropic's side does
                continue;
            }
            ObjectNode function = functions.addObject().put("type", "function").putObject("function");
            function.put("name", Json.text(tool, "name"));
            String description = Json.text(tool, "description");
            if (description != null) {
                function.put("description", description);
            }
            function.set("parameters", schema.deepCopy());
        }
        if (functions.isEmpty()) {
            return false;
        }
        out.set("tools", functions);
        return true;
    }

    private static void addToolChoice(JsonNode choice, ObjectNode out) {
        if (choice == null || !choice.isObject()) {
            return;
        }
        switch (choice.path("type").asText("")) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = out.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", Json.text(choice, "name"));
            }
            default -> throw new TranslationException("tool_choice has type \"" + choice.path("type").asText("")
                    + "\"; expected auto, any, tool or none");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }

    private static void copyNumber(JsonNode from, String field, ObjectNode to, String as) {
        JsonNode v = from.get(field);
        if (v != null && v.isNumber()) {
            to.set(as, v);
        }
    }
}
