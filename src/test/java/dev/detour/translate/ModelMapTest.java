package dev.detour.translate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelMapTest {
    private static final Map<String, String> TABLE =
            Map.of("opus", "gpt-5", "haiku", "gpt-5-mini", "default", "gpt-4.1");

    @Test
    void tierKeywordInTheClaudeNamePicksTheEntry() {
        assertEquals("gpt-5", ModelMap.map("claude-opus-4-1-20250805", TABLE));
        assertEquals("gpt-5-mini", ModelMap.map("claude-3-5-HAIKU-latest", TABLE));
    }

    @Test
    void unmatchedTierFallsBackToDefault() {
        assertEquals("gpt-4.1", ModelMap.map("claude-sonnet-4-5", TABLE));
        assertEquals("gpt-4.1", ModelMap.map(null, TABLE));
    }

    @Test
    void aModelTheUpstreamAlreadyNamesPassesThrough() {
        assertEquals("gpt-5-mini", ModelMap.map("gpt-5-mini", TABLE));
    }

    @Test
    void withoutDefaultOrWithoutTableTheNameIsKept() {
        assertEquals("claude-sonnet-4-5", ModelMap.map("claude-sonnet-4-5", Map.of("opus", "o3")));
        assertEquals("claude-sonnet-4-5", ModelMap.map("claude-sonnet-4-5", Map.of()));
    }
}
