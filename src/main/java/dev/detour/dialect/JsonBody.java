package dev.detour.dialect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.detour.wire.JsonText;

import java.io.IOException;

/**
 * An agent's request body as JSON. A request passed through is forwarded as the agent sent it, and the bridge needs
 * only three facts from it (the model, whether it streams, how many messages), so these come from a scan that builds
 * nothing; the whole tree (hundreds of KiB of conversation for Claude Code) is parsed only when a translation or the
 * thinking hygiene asks for it. Read by one request's thread.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonBody NONE = new JsonBody(null, null);

    /** The top-level facts; {@code exact} is false when one of them is not of its usual type (then the tree decides). */
    private record Facts(boolean json, String model, boolean stream, int messages, boolean exact) {
    }

    private static final Facts NOT_JSON = new Facts(false, null, false, 0, true);

    private final byte[] plain;
    private JsonNode tree;
    private boolean parsed;
    private Facts facts;

    private JsonBody(byte[] plain, JsonNode tree) {
        this.plain = plain;
        this.tree = tree;
        this.parsed = plain == null;
    }

    /** A body parsed already (or null: none, or not JSON). */
    public static JsonBody of(JsonNode tree) {
        return tree == null ? NONE : new JsonBody(null, tree);
    }

    /** The body's bytes, uncompressed (null: none, or in an encoding the bridge does not read), parsed when needed. */
    public static JsonBody ofBytes(byte[] plain) {
        return plain == null || plain.length == 0 ? NONE : new JsonBody(plain, null);
    }

    /** The body parsed as JSON, or null when it is empty or not JSON. */
    public JsonNode tree() {
        if (!parsed) {
            parsed = true;
            try {
                tree = JsonText.tree(plain);
            } catch (IOException notJson) {
                tree = null;
            }
        }
        return tree;
    }

    /** Whether the body is JSON. */
    public boolean json() {
        return facts().json();
    }

    /** The top-level {@code "model"} as text, or null. */
    public String model() {
        Facts f = facts();
        if (f.exact()) {
            return f.model();
        }
        JsonNode json = tree();
        return json != null && json.hasNonNull("model") ? json.get("model").asText() : null;
    }

    /** The top-level {@code "stream"} flag (false when absent). */
    public boolean stream() {
        Facts f = facts();
        if (f.exact()) {
            return f.stream();
        }
        JsonNode json = tree();
        return json != null && json.path("stream").asBoolean(false);
    }

    /** The number of top-level {@code "messages"}. */
    public int messages() {
        Facts f = facts();
        if (f.exact()) {
            return f.messages();
        }
        JsonNode json = tree();
        return json == null ? 0 : json.path("messages").size();
    }

    private Facts facts() {
        if (facts == null) {
            facts = parsed ? factsOf(tree) : scan(plain);
        }
        return facts;
    }

    private static Facts factsOf(JsonNode json) {
        return json == null ? NOT_JSON : new Facts(true, null, false, 0, false);
    }

    /** One pass over the tokens, skipping every value but the three. The last of duplicate keys counts, as in a tree. */
    private static Facts scan(byte[] body) {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return NOT_JSON;
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new Facts(true, null, false, 0, true);
            }
            String model = null;
            boolean stream = false;
            int messages = 0;
            boolean modelExact = true, streamExact = true, messagesExact = true;
            for (String field; (field = parser.nextFieldName()) != null; ) {
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "model" -> {
                        modelExact = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL;
                        model = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "stream" -> {
                        streamExact = value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
                        stream = value == JsonToken.VALUE_TRUE;
                    }
                    case "messages" -> {
                        messagesExact = value == JsonToken.START_ARRAY;
                        messages = messagesExact ? elements(parser) : 0;
                    }
                    default -> {
                    }
                }
                parser.skipChildren();
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                return NOT_JSON;
            }
            return new Facts(true, model, stream, messages, modelExact && streamExact && messagesExact);
        } catch (IOException notJson) {
            return NOT_JSON;
        }
    }

    /** Counts an array's elements, leaving the parser on its end. */
    private static int elements(JsonParser parser) throws IOException {
        int count = 0;
        for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            if (token == null) {
                throw new IOException("the body ends inside \"messages\"");
            }
            parser.skipChildren();
            count++;
        }
        return count;
    }
}
