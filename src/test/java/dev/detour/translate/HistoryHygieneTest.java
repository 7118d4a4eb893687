package dev.detour.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryHygieneTest {
    @Test
    void thinkingBlocksAndTheirSignaturesLeaveTheHistory() {
        ObjectNode request = (ObjectNode) Fixtures.json(Fixtures.dir("requests").resolve("multi-turn-parallel-tools.anthropic.json"));
        assertTrue(HistoryHygiene.stripThinking(request));
        String text = Json.write(request);
        assertFalse(text.contains("\"thinking\",\"thinking\"") || text.contains("redacted_thinking") || text.contains("signature"), text);
        assertEquals(7, request.path("messages").size(), "no turn had only thinking");
        assertEquals("text", request.path("messages").path(1).path("content").path(0).path("type").asText());
        assertTrue(request.has("thinking"), "the last assistant turn does not call tools: thinking stays on");
        assertFalse(HistoryHygiene.stripThinking(request), "a clean history is left alone");
    }

    @Test
    void aTurnOfOnlyThinkingIsDroppedAndThinkingSwitchedOffWhenTheToolLoopLostIt() {
        ObjectNode request = (ObjectNode) Fixtures.json("""
                {"model":"claude-opus-4-1","thinking":{"type":"enabled","budget_tokens":2000},"messages":[
                 {"role":"user","content":"list files"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":"c2ln"}]},
                 {"role":"user","content":"please"},
                 {"role":"assistant","content":[{"type":"thinking","thinking":"ls","signature":"c2ln"},
                   {"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a b"}]}]}""");
        assertTrue(HistoryHygiene.stripThinking(request));
        assertEquals(4, request.path("messages").size());
        assertEquals("tool_use", request.path("messages").path(2).path("content").path(0).path("type").asText());
        assertFalse(request.has("thinking"), "a final assistant turn calling tools must start with thinking, so thinking goes");
    }

    @Test
    void aToolLoopFromAnotherFamilyAlsoSwitchesThinkingOff() {
        ObjectNode request = (ObjectNode) Fixtures.json("""
                {"thinking":{"type":"adaptive"},"messages":[{"role":"user","content":"go"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"Bash","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":"ok"}]}]}""");
        assertTrue(HistoryHygiene.stripThinking(request));
        assertFalse(request.has("thinking"));
    }
}
