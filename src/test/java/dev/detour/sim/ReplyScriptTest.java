package dev.detour.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyScriptTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode request(String messages, String tools) throws Exception {
        return JSON.readTree("{\"model\":\"m\",\"messages\":" + messages + ",\"tools\":" + tools + "}");
    }

    @Test
    void asksForReadWhenOfferedAndThePromptNamesAFile() throws Exception {
        ReplyScript.Reply r = ReplyScript.reply("p", request("[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"<system-reminder>/etc/passwd</system-reminder>\"},{\"type\":\"text\",\"text\":\"Please read /tmp/a/b.txt\"}]},"
                + "{\"role\":\"system\",\"content\":\"x\"}]", "[{\"name\":\"Bash\"},{\"name\":\"Read\"}]"), "toolu_1");
        assertEquals("tool_use", r.stopReason());
        ReplyScript.ToolUse tool = assertInstanceOf(ReplyScript.ToolUse.class, r.blocks().get(1));
        assertEquals("Read", tool.name());
        assertEquals("/tmp/a/b.txt", tool.input().get("file_path").asText());
    }

    @Test
    void quotesTheToolResultAndAnswersPlainPromptsWithText() throws Exception {
        ReplyScript.Reply r = ReplyScript.reply("p", request("[{\"role\":\"user\",\"content\":\"read /x\"},"
                + "{\"role\":\"assistant\",\"content\":[]},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"t\",\"content\":\"pineapple\"}]}]", "[{\"name\":\"Read\"}]"), "t2");
        ReplyScript.Text text = assertInstanceOf(ReplyScript.Text.class, r.blocks().get(0));
        assertTrue(text.text().contains("pineapple") && text.text().endsWith(ReplyScript.END), text.text());
        ReplyScript.Reply plain = ReplyScript.reply("fallback", request("[{\"role\":\"user\",\"content\":\"say hi\"}]", "[]"), "t3");
        assertEquals("end_turn", plain.stopReason());
        assertTrue(((ReplyScript.Text) plain.blocks().get(0)).text().startsWith("Answer from fallback"));
        assertTrue(ReplyScript.pieces(((ReplyScript.Text) plain.blocks().get(0)).text()).size() > 3);
    }

    @Test
    void countsToNOnRequestInPiecesOfThreeWords() throws Exception {
        ReplyScript.Reply r = ReplyScript.reply("p", request("[{\"role\":\"user\",\"content\":\"count to 578\"}]", "[]"), "t");
        String text = ((ReplyScript.Text) r.blocks().get(0)).text();
        assertTrue(text.startsWith("Answer from p: 1 2 3 ") && text.endsWith(" 577 578 " + ReplyScript.END), text);
        assertEquals(194, ReplyScript.pieces(text).size(), "194 deltas: a 200-event Anthropic stream");
    }
}
