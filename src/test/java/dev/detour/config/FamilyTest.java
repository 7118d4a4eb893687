package dev.detour.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FamilyTest {
    @Test
    void wireNamesRoundTripAndUnknownIsNull() {
        for (Family f : Family.values()) {
            assertEquals(f, Family.fromWireName(f.wireName()));
        }
        assertNull(Family.fromWireName("gemini"));
        assertEquals(Family.OPENAI, Family.ANTHROPIC.other());
    }
}
