package dev.detour.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads and writes Jackson trees with the streaming parser and generator alone: the same trees and text as a default
 * {@link ObjectMapper}'s {@code readTree} and {@code writeValueAs...}, without the (de)serializer set-up the mapper
 * does for every call. The bridge reads and writes trees for every translated request, reply and event, and on a busy
 * 2-core machine that set-up's code and data, never warm in the CPU's caches between requests, cost more than the
 * parsing and writing themselves.
 */
public final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

    private JsonText() {
    }

    /**
     * The JSON value at the start of {@code json} as a tree, as {@link ObjectMapper#readTree(byte[])} reads it: the
     * last of duplicate keys wins in the place of the first, what follows the value is not read, and empty content is
     * a missing node.
     *
     * @throws IOException when it is not JSON
     */
    public static JsonNode tree(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return tree(parser);
        }
    }

    /** As {@link #tree(byte[])}, from text. */
    public static JsonNode tree(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return tree(parser);
        }
    }

    /**
     * The value that starts at the parser's current token, as {@link ObjectMapper#readTree(JsonParser)} reads it; the
     * parser is left on the value's last token, so that its next token is the one after the value.
     */
    public static JsonNode treeAt(JsonParser parser) throws IOException {
        return value(parser, parser.currentToken());
    }

    private static JsonNode tree(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        return token == null ? MissingNode.getInstance() : value(parser, token);
    }

    private static JsonNode value(JsonParser parser, JsonToken first) throws IOException {
        JsonToken token = first;
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        while (true) {
            JsonNode value;
            switch (token) {
                case START_OBJECT -> {
                    open.push(NODES.objectNode());
                    token = parser.nextToken();
                    continue;
                }
                case START_ARRAY -> {
                    open.push(NODES.arrayNode());
                    token = parser.nextToken();
                    continue;
                }
                case FIELD_NAME -> {
                    names.push(parser.currentName());
                    token = parser.nextToken();
                    continue;
                }
                case END_OBJECT, END_ARRAY -> value = open.pop();
                case VALUE_STRING -> value = NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> value = switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> value = NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE -> value = NODES.booleanNode(true);
                case VALUE_FALSE -> value = NODES.booleanNode(false);
                case VALUE_NULL -> value = NODES.nullNode();
                default -> throw new JsonParseException(parser, "unexpected token " + token);
            }
            ContainerNode<?> parent = open.peek();
            if (parent == null) {
                return value;
            }
            if (parent instanceof ObjectNode object) {
                object.replace(names.pop(), value);
            } else {
                ((ArrayNode) parent).add(value);
            }
            token = parser.nextToken();
        }
    }

    /** The tree as UTF-8 JSON. */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /** The tree as JSON text. */
    public static String text(JsonNode node) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(node, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return out.toString();
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                g.writeFieldName(field.getKey());
                write(field.getValue(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(element, g);
            }
            g.writeEndArray();
        } else if (node.isTextual()) {
            g.writeString(node.textValue());
        } else if (node.isNumber()) {
            ((NumericNode) node).serialize(g, null); // each kind of number writes itself
        } else if (node.isBoolean()) {
            g.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            g.writeNull();
        } else {
            MAPPER.writeTree(g, node); // binary, POJO and missing nodes need the mapper's configuration; no translator makes them
        }
    }
}
