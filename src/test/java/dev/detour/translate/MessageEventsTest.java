package dev.detour.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.detour.wire.SseEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MessageEventsTest {

    /** The delta as a tree would serialise it: what the text-written delta must equal byte for byte. */
    private static String viaTree(int index, String type, String field, String text) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", index);
        event.putObject("delta").put("type", type).put(field, text);
        return Json.write(event);
    }

    @Test
    void aDeltaWrittenAsTextIsTheTreeSerialisation() {
        List<String> texts = List.of("", "plain", "\"quoted\" and \\back\\slash", "tab\tnl\ncr\rbs\bff\f", "\u0000\u0001\u001f\u007f",
                "café 😀 \ud83d", "</script> & <b>", "\u2028\u2029", "{\"file_path\":\"a.txt\"}");
        for (String text : texts) {
            for (int index : new int[]{0, 7, 1234}) {
                assertEquals(viaTree(index, "text_delta", "text", text), MessageEvents.delta(index, "text_delta", "text", text).data());
                assertEquals(viaTree(index, "input_json_delta", "partial_json", text),
                        MessageEvents.delta(index, "input_json_delta", "partial_json", text).data());
            }
        }
    }

    @Test
    void randomTextMatchesTheTreeSerialisation() {
        Random random = new Random(15);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10000)));
            }
            assertEquals(viaTree(3, "text_delta", "text", text.toString()), MessageEvents.delta(3, "text_delta", "text", text.toString()).data());
        }
    }

    @Test
    void aDeltaIsContentAndNamedForTheWire() {
        SseEvent delta = MessageEvents.delta(0, "text_delta", "text", "hi");
        assertEquals("content_block_delta", delta.name());
        assertFalse(delta.beforeContent());
        assertEquals("text_delta", delta.json().path("delta").path("type").asText());
        assertEquals("event: content_block_delta\ndata: " + delta.data() + "\n\n", new String(delta.bytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
