package dev.detour.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Images and files between OpenAI's URLs ({@code data:} or {@code https:}) and Anthropic's {@code source} objects. */
final class DataUrls {
    private DataUrls() {
    }

    /** An Anthropic source for a {@code data:MIME;base64,…} or a plain URL. */
    static ObjectNode source(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.endsWith(";base64")) {
                throw new TranslationException("a data URL that is not base64 cannot be sent to another family");
            }
            return Json.object().put("type", "base64").put("media_type", meta.substring(0, meta.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        }
        return Json.object().put("type", "url").put("url", url);
    }

    /**
     * The URL for an Anthropic {@code base64} or {@code url} source.
     *
     * @param fallbackType the media type when the source names none
     */
    static String url(JsonNode source, String fallbackType) {
        return switch (source.path("type").asText("")) {
            case "base64" -> "data:" + source.path("media_type").asText(fallbackType) + ";base64," + source.path("data").asText("");
            case "url" -> source.path("url").asText("");
            default -> throw new TranslationException("a source of type \"" + source.path("type").asText("")
                    + "\" cannot be sent to an openai upstream; only base64 and url sources can");
        };
    }
}
