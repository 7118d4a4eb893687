package dev.detour.dialect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> BODIES = List.of(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}]},{\"role\":\"assistant\",\"content\":\"b\"},"
                    + "{\"role\":\"user\",\"content\":\"c\",\"model\":\"inner\",\"stream\":true}],\"stream\":false,\"model\":\"m\"}",
            "{\"model\":null,\"stream\":\"true\",\"messages\":{\"a\":1,\"b\":2}}",
            "{\"model\":42,\"stream\":1,\"messages\":\"none\"}",
            "{\"model\":{\"name\":\"x\"},\"stream\":null,\"messages\":[]}",
            "{\"model\":\"first\",\"model\":\"second\",\"stream\":true,\"stream\":false}",
            "{\"model\":3,\"model\":\"last wins\"}",
            // one odd field at a time: the others being usual must not make the scan decide for it
            "{\"model\":42,\"stream\":true,\"messages\":[{}]}",
            "{\"model\":null,\"stream\":true,\"messages\":[{}]}",
            "{\"model\":\"m\",\"stream\":\"true\",\"messages\":[{}]}",
            "{\"model\":\"m\",\"stream\":false,\"messages\":[{}]}",
            "{\"model\":\"m\",\"stream\":true,\"messages\":{\"a\":1,\"b\":2}}",
            "{\"system\":[{\"type\":\"text\",\"text\":\"s\"}],\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}],"
                    + "\"metadata\":{\"user_id\":\"u\"},\"model\":\"after nested values\",\"stream\":true}",
            "[{\"model\":\"in an array\"}]",
            "\"just text\"",
            "17",
            "{\"model\":\"m\"} trailing",
            "{\"model\":\"m\",\"messages\":[1,2",
            "{\"model\":\"m\",",
            "{\"model\":\"m\" \"stream\":true}",
            "not json at all",
            "   ",
            "{}");

    @Test
    void theScannedFactsAreTheOnesTheTreeGives() throws Exception {
        for (String text : BODIES) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            JsonNode tree;
            try {
                tree = JSON.readTree(bytes);
            } catch (java.io.IOException notJson) {
                tree = null;
            }
            JsonBody scanned = JsonBody.ofBytes(bytes);
            assertEquals(tree != null && tree.hasNonNull("model") ? tree.get("model").asText() : null, scanned.model(), text);
            assertEquals(tree != null && tree.path("stream").asBoolean(false), scanned.stream(), text);
            assertEquals(tree == null ? 0 : tree.path("messages").size(), scanned.messages(), text);
            assertEquals(tree, scanned.tree(), text);
            JsonBody given = JsonBody.of(tree);
            assertEquals(scanned.model(), given.model(), text);
            assertEquals(scanned.stream(), given.stream(), text);
            assertEquals(scanned.messages(), given.messages(), text);
            assertEquals(tree != null, given.json(), text);
        }
    }

    @Test
    void tellsJsonFromWhatIsNot() {
        assertTrue(JsonBody.ofBytes("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8)).json());
        assertTrue(JsonBody.ofBytes("[1,2]".getBytes(StandardCharsets.UTF_8)).json());
        assertFalse(JsonBody.ofBytes("{\"model\":\"m\",\"messages\":[1,2".getBytes(StandardCharsets.UTF_8)).json());
        assertFalse(JsonBody.ofBytes("{\"model\":\"m\"".getBytes(StandardCharsets.UTF_8)).json());
        assertFalse(JsonBody.ofBytes("<html>".getBytes(StandardCharsets.UTF_8)).json());
        assertFalse(JsonBody.ofBytes(new byte[0]).json());
        assertFalse(JsonBody.ofBytes(null).json());
        assertNull(JsonBody.ofBytes(null).tree());
        assertNull(JsonBody.ofBytes(null).model());
    }

    @Test
    void aTreeAskedForFirstIsTheOneTheFactsComeFromAndIsParsedOnce() {
        JsonBody body = JsonBody.ofBytes("{\"model\":\"m\",\"stream\":true,\"messages\":[{},{}]}".getBytes(StandardCharsets.UTF_8));
        JsonNode tree = body.tree();
        assertSame(tree, body.tree());
        assertEquals("m", body.model());
        assertTrue(body.stream());
        assertEquals(2, body.messages());
    }
}
