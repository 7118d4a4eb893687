package dev.detour.bridge;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {
    @Test
    void removesKnownSecretsAndKeyShapedStrings() {
        Redactor r = new Redactor();
        r.add("tok_0123456789abcdef");
        String line = r.redact("GET /t/tok_0123456789abcdef/x key sk-ant-api03-abcdefghijk Authorization: Bearer abcdefghijkl x-api-key=zzzzzzzzzz");
        assertFalse(line.contains("tok_0123456789abcdef"), line);
        assertFalse(line.contains("api03-abcdefghijk"), line);
        assertFalse(line.contains("abcdefghijkl"), line);
        assertFalse(line.contains("zzz"), line);
        assertTrue(line.contains("sk-ant-…"), "the kind of key stays readable: " + line);
        assertEquals("plain words stay", r.redact("plain words stay"));
    }
}
