package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers {@code count_tokens} for an upstream that has no such endpoint: an estimate, not a count. Roughly four
 * characters of ASCII text per token, one token per other character (CJK text runs close to that), a flat 1,600 per
 * image (Anthropic's figure for a full-size image) and a small overhead per message and tool.
 */
public final class TokenEstimate {
    static final int IMAGE_TOKENS = 1600;
    private static final int MESSAGE_OVERHEAD = 4;
    private static final int TOOL_OVERHEAD = 8;

    private TokenEstimate() {
    }

    /** The {@code count_tokens} reply body for an Anthropic request: {@code {"input_tokens": N}}. */
    public static ObjectNode reply(JsonNode request) {
        return Json.object().put("input_tokens", of(request));
    }

    public static long of(JsonNode request) {
        long tokens = content(request.get("system"));
        for (JsonNode message : request.path("messages")) {
            tokens += MESSAGE_OVERHEAD + content(message.get("content"));
        }
        for (JsonNode tool : request.path("tools")) {
            tokens += TOOL_OVERHEAD + text(Json.write(tool));
        }
        return tokens;
    }

    private static long content(JsonNode content) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isTextual()) {
            return text(content.asText());
        }
        long tokens = 0;
        for (JsonNode block : content) {
            switch (String.valueOf(Json.text(block, "type"))) {
                case "text" -> tokens += text(block.path("text").asText(""));
                case "image" -> tokens += IMAGE_TOKENS;
                case "document" -> tokens += "text".equals(block.path("source").path("type").asText(""))
                        ? text(block.path("source").path("data").asText("")) : IMAGE_TOKENS;
                case "tool_use" -> tokens += text(block.path("name").asText("")) + text(Json.write(block.path("input")));
                case "tool_result" -> tokens += content(block.get("content"));
                case "thinking" -> tokens += text(block.path("thinking").asText(""));
                default -> tokens += text(Json.write(block));
            }
        }
        return tokens;
    }

    static long text(String text) {
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp < 128) {
                ascii++;
            } else {
                other++;
            }
            i += Character.charCount(cp);
        }
        return (ascii + 3) / 4 + other;
    }
}
