package dev.detour.translate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.databind.JsonNode;
import dev.detour.wire.JsonText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of one Chat Completions stream chunk that the stream translator reads, taken in one pass over the tokens
 * without a tree (a chunk arrives per token, so this runs on the bridge's hot path). It reads exactly what a tree
 * would give: the last of duplicate keys wins, an array given as an object counts by its values, an {@code index}
 * converts as {@link JsonNode#asInt(int)} does, a text field that is not a string counts as absent. Only the rare
 * {@code error} and {@code usage} values become trees.
 *
 * @param error the {@code error} value (null when absent or JSON null)
 * @param usage the {@code usage} object (null when absent or not an object)
 */
record ChatChunk(String id, String model, JsonNode error, JsonNode usage, List<Choice> choices) {

    record Choice(int index, Delta delta, String finishReason) {
    }

    record Delta(String content, String refusal, List<ToolDelta> toolCalls) {
        static final Delta NONE = new Delta(null, null, List.of());
    }

    record ToolDelta(int index, String id, String name, String arguments) {
        static final ToolDelta NONE = new ToolDelta(0, null, null, null);
    }

    /** Reads a chunk's {@code data:} text: null when it is JSON but not an object, an {@link IOException} when not JSON. */
    static ChatChunk parse(String data) throws IOException {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(data)) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_OBJECT) {
                if (root != null) {
                    parser.skipChildren();
                }
                return null;
            }
            String id = null, model = null;
            JsonNode error = null, usage = null;
            List<Choice> choices = List.of();
            for (String field; (field = parser.nextFieldName()) != null; ) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "id" -> id = text(parser, value);
                    case "model" -> model = text(parser, value);
                    case "error" -> error = value == JsonToken.VALUE_NULL ? null : JsonText.treeAt(parser);
                    case "usage" -> usage = value == JsonToken.START_OBJECT ? JsonText.treeAt(parser) : skip(parser);
                    case "choices" -> choices = values(parser, value, ChatChunk::choice, null);
                    default -> parser.skipChildren();
                }
            }
            return new ChatChunk(id, model, error, usage, choices);
        }
    }

    /** A choice; a value that is not an object reads as nothing (null, dropped). */
    private static Choice choice(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        int index = 0;
        Delta delta = Delta.NONE;
        String finish = null;
        for (String field; (field = parser.nextFieldName()) != null; ) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "index" -> index = asInt(parser, value);
                case "delta" -> delta = delta(parser, value);
                case "finish_reason" -> finish = text(parser, value);
                default -> parser.skipChildren();
            }
        }
        return new Choice(index, delta, finish);
    }

    private static Delta delta(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return Delta.NONE;
        }
        String content = null, refusal = null;
        List<ToolDelta> calls = List.of();
        for (String field; (field = parser.nextFieldName()) != null; ) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "content" -> content = text(parser, value);
                case "refusal" -> refusal = text(parser, value);
                case "tool_calls" -> calls = values(parser, value, ChatChunk::toolDelta, ToolDelta.NONE);
                default -> parser.skipChildren();
            }
        }
        return new Delta(content, refusal, calls);
    }

    /** A tool call delta; a value that is not an object reads as an empty call at index 0, as a tree's path does. */
    private static ToolDelta toolDelta(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return ToolDelta.NONE;
        }
        int index = 0;
        String id = null, name = null, arguments = null;
        for (String field; (field = parser.nextFieldName()) != null; ) {
            JsonToken value = parser.nextToken();
            switch (field) {
                case "index" -> index = asInt(parser, value);
                case "id" -> id = text(parser, value);
                case "function" -> {
                    name = null;
                    arguments = null;
                    if (value == JsonToken.START_OBJECT) {
                        for (String part; (part = parser.nextFieldName()) != null; ) {
                            JsonToken partValue = parser.nextToken();
                            switch (part) {
                                case "name" -> name = text(parser, partValue);
                                case "arguments" -> arguments = text(parser, partValue);
                                default -> parser.skipChildren();
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return new ToolDelta(index, id, name, arguments);
    }

    private interface Element<T> {
        T read(JsonParser parser, JsonToken token) throws IOException;
    }

    /**
     * The elements of an array, or the values of an object (by key: the last duplicate wins, in the first one's
     * place), as iterating a tree node gives them; nothing for a scalar. Elements read as null are dropped.
     */
    private static <T> List<T> values(JsonParser parser, JsonToken token, Element<T> element, T absent) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            List<T> out = new ArrayList<>(1);
            for (JsonToken next; (next = parser.nextToken()) != JsonToken.END_ARRAY; ) {
                T value = element.read(parser, next);
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, T> byKey = new LinkedHashMap<>();
            for (String key; (key = parser.nextFieldName()) != null; ) {
                T value = element.read(parser, parser.nextToken());
                byKey.put(key, value == null ? absent : value);
            }
            List<T> out = new ArrayList<>(byKey.size());
            byKey.values().forEach(v -> {
                if (v != null) {
                    out.add(v);
                }
            });
            return out;
        }
        return List.of();
    }

    /** A string value's text; null for any other value (skipped). */
    private static String text(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** The value as {@code JsonNode.asInt(0)} converts it. */
    private static int asInt(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_NUMBER_INT -> parser.getNumberValue().intValue();
            case VALUE_NUMBER_FLOAT -> (int) parser.getDoubleValue();
            case VALUE_STRING -> NumberInput.parseAsInt(parser.getText(), 0);
            case VALUE_TRUE -> 1;
            default -> {
                parser.skipChildren();
                yield 0;
            }
        };
    }

    private static JsonNode skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }
}
