package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;

/**
 * Cleans an Anthropic request whose conversation moved between upstreams: thinking blocks carry signatures bound to
 * the provider that made them, and another provider rejects them ({@code 400 Invalid signature in thinking block}).
 */
public final class HistoryHygiene {
    private HistoryHygiene() {
    }

    /**
     * Removes {@code thinking} and {@code redacted_thinking} blocks (with their signatures) from the history, and
     * assistant turns left empty by that. When the request asks for extended thinking but its last assistant turn now
     * calls tools without a thinking block first, the API would refuse it ("a final assistant message must start with
     * a thinking block"), so thinking is switched off for this request.
     *
     * @return whether anything was removed
     */
    public static boolean stripThinking(ObjectNode request) {
        return stripThinking(request, Integer.MAX_VALUE);
    }

    /**
     * As {@link #stripThinking(ObjectNode)}, for the messages before index {@code beforeMessage} only: the turns an
     * upstream made itself may keep their thinking when it answers the same conversation again.
     */
    public static boolean stripThinking(ObjectNode request, int beforeMessage) {
        boolean changed = false;
        JsonNode messages = request.get("messages");
        if (messages == null || !messages.isArray()) {
            return false;
        }
        int index = 0;
        for (Iterator<JsonNode> it = messages.elements(); it.hasNext(); index++) {
            JsonNode message = it.next();
            JsonNode content = message.get("content");
            if (index >= beforeMessage || !"assistant".equals(Json.text(message, "role"))
                    || content == null || !content.isArray()) {
                continue;
            }
            ArrayNode blocks = (ArrayNode) content;
            for (int i = blocks.size() - 1; i >= 0; i--) {
                if (isThinking(blocks.get(i))) {
                    blocks.remove(i);
                    changed = true;
                }
            }
            if (blocks.isEmpty()) {
                it.remove();
            }
        }
        JsonNode thinking = request.get("thinking");
        if (thinking != null && !"disabled".equals(Json.text(thinking, "type")) && lastAssistantCallsToolsUnthought(messages)) {
            request.remove("thinking");
            changed = true;
        }
        return changed;
    }

    private static boolean isThinking(JsonNode block) {
        String type = Json.text(block, "type");
        return "thinking".equals(type) || "redacted_thinking".equals(type);
    }

    private static boolean lastAssistantCallsToolsUnthought(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if ("assistant".equals(Json.text(message, "role"))) {
                JsonNode content = message.path("content");
                boolean callsTools = false;
                for (JsonNode block : content) {
                    callsTools |= "tool_use".equals(Json.text(block, "type"));
                }
                return callsTools && !(content.size() > 0 && isThinking(content.get(0)));
            }
        }
        return false;
    }
}
