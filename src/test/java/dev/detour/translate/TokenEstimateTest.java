package dev.detour.translate;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEstimateTest {
    @Test
    void textIsAboutFourAsciiCharactersPerToken() {
        assertEquals(3, TokenEstimate.text("hello world"));
        assertEquals(4, TokenEstimate.text("你好世界"), "one per CJK character");
        assertEquals(1, TokenEstimate.text("🚀"), "one per code point, not per UTF-16 unit");
    }

    @Test
    void everyPartOfTheRequestCounts() {
        var plain = Fixtures.json("{\"messages\":[{\"role\":\"user\",\"content\":\"hello world\"}]}");
        var withImage = Fixtures.json("""
                {"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"hello world"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]}],
                 "tools":[{"name":"Read","input_schema":{"type":"object"}}]}""");
        long base = TokenEstimate.of(plain);
        assertEquals(3 + 4, base);
        assertTrue(TokenEstimate.of(withImage) > base + TokenEstimate.IMAGE_TOKENS);
        assertEquals(base, TokenEstimate.reply(plain).path("input_tokens").asLong());
    }

    @Test
    void aRealClaudeCodeRequestEstimatesInTheRightRange() {
        Path file = Fixtures.dir("requests").resolve("claude-code-first-turn.anthropic.json");
        long estimate = TokenEstimate.of(Fixtures.json(file));
        // 52 KB of mostly English prose and JSON schema: Anthropic counts such a request at roughly 11-14k tokens
        assertTrue(estimate > 8_000 && estimate < 20_000, "estimate " + estimate);
    }
}
