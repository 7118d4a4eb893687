package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentClassifierTest {
    @Test
    void agentsAreClaudeCodexOrARuntimeRunningThem() {
        assertTrue(AgentClassifier.isAgentLike(List.of("claude")));
        assertTrue(AgentClassifier.isAgentLike(List.of("/home/u/.local/bin/claude", "-p", "hi")));
        assertTrue(AgentClassifier.isAgentLike(List.of("/x/@anthropic-ai/claude-code/bin/claude.exe")));
        assertTrue(AgentClassifier.isAgentLike(List.of("codex", "exec")));
        assertTrue(AgentClassifier.isAgentLike(List.of("node", "/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js")));
        assertTrue(AgentClassifier.isAgentLike(List.of("/usr/bin/node", "/usr/local/bin/claude")));
        assertFalse(AgentClassifier.isAgentLike(List.of("node", "server.js")));
        assertFalse(AgentClassifier.isAgentLike(List.of("vim", "claude.md")));
        assertFalse(AgentClassifier.isAgentLike(List.of("bash")));
        assertFalse(AgentClassifier.isAgentLike(List.of()));
    }

    @Test
    void aBaseUrlOnLoopbackAtASessionPortIsThatSessionsBridge() {
        Map<Integer, String> ports = Map.of(8781, "main", 8782, "side");
        assertEquals(Optional.of("main"), AgentClassifier.sessionOf("http://127.0.0.1:8781/t/abc", ports));
        assertEquals(Optional.of("side"), AgentClassifier.sessionOf("http://localhost:8782", ports));
        assertEquals(Optional.empty(), AgentClassifier.sessionOf("http://127.0.0.1:9999/t/abc", ports));
        assertEquals(Optional.empty(), AgentClassifier.sessionOf("https://api.anthropic.com", ports));
        assertEquals(Optional.empty(), AgentClassifier.sessionOf("http://10.0.0.5:8781", ports));
        assertEquals(Optional.empty(), AgentClassifier.sessionOf("::not a url::", ports));
        assertEquals(Optional.empty(), AgentClassifier.sessionOf(null, ports));
    }

    @Test
    void anthropicBaseUrlWinsAndTokensAreMasked() {
        assertEquals("http://a", AgentClassifier.baseUrl(Map.of("ANTHROPIC_BASE_URL", "http://a",
                "OPENAI_BASE_URL", "http://o")));
        assertEquals("http://o", AgentClassifier.baseUrl(Map.of("OPENAI_BASE_URL", "http://o")));
        assertNull(AgentClassifier.baseUrl(Map.of("ANTHROPIC_BASE_URL", " ")));
        assertEquals("http://127.0.0.1:8781/t/***", AgentClassifier.masked("http://127.0.0.1:8781/t/s3cr3t"));
        assertEquals("http://127.0.0.1:8781/t/***/v1", AgentClassifier.masked("http://127.0.0.1:8781/t/s3cr3t/v1"));
    }
}
