package dev.detour.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThinkingSignaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String request(String thinking, String signature) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"a\"},{\"type\":\"thinking\",\"thinking\":\"" + thinking + "\",\"signature\":\"" + signature + "\"}]}]}";
    }

    @Test
    void aSimAcceptsItsOwnSignaturesOnly() throws Exception {
        String own = ThinkingSignatures.sign("anth-a", "let me think");
        assertNull(ThinkingSignatures.refusal("anth-a", JSON.readTree(request("let me think", own))));
        assertEquals("messages.1.content.1: Invalid `signature` in `thinking` block",
                ThinkingSignatures.refusal("anth-b", JSON.readTree(request("let me think", own))));
        assertEquals("messages.1.content.1: Invalid `signature` in `thinking` block",
                ThinkingSignatures.refusal("anth-a", JSON.readTree(request("edited thinking", own))), "bound to the text too");
    }
}
