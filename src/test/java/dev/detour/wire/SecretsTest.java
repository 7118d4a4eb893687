package dev.detour.wire;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One pattern set: whatever the config would refuse is also what a log or a message redacts. */
class SecretsTest {
    // split: not real keys, keep secret scanners quiet
    private static final String ANTHROPIC = "sk-ant-" + "api03-AbCdEf123456";
    private static final String OPENAI = "sk-proj-" + "abcd1234efgh5678";
    private static final String AWS = "AKIA" + "ABCDEFGHIJKLMNOP";
    private static final String GITHUB = "ghp_" + "abcdefghijklmnopqrstuvwx";

    @Test
    void redactionKeepsOnlyTheKindOfKey() {
        assertEquals("key sk-ant-… and Bearer …", Secrets.redact("key " + ANTHROPIC + " and Bearer abcdefghijklmnop"));
        assertEquals("Incorrect API key provided: sk-proj-…", Secrets.redact("Incorrect API key provided: " + OPENAI));
        assertEquals("x-api-key: …", Secrets.redact("x-api-key: 0123456789abcdef"));
        assertEquals("https://user:…@proxy.example", Secrets.redact("https://user:hunter2hunter2@proxy.example"));
        assertEquals("plain words and sk-short stay", Secrets.redact("plain words and sk-short stay"));
        assertNull(Secrets.redact(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {ANTHROPIC, OPENAI, "Bearer abcdefghijklmnop", "Authorization: Basic dXNlcjpwYXNzd29yZA==",
            AWS, GITHUB, "https://user:hunter2hunter2@proxy.example"})
    void whatIsFoundIsWhatIsRedacted(String secret) {
        String text = "auth = \"" + secret + "\" # note";
        Secrets.Finding found = Secrets.find(text).orElseThrow();
        assertEquals(text.indexOf(secret.substring(0, 4)), found.offset(), found.kind());
        String redacted = Secrets.redact(text);
        assertTrue(Secrets.find(redacted).isEmpty(), redacted);
        assertFalse(redacted.contains(secret), redacted);
    }
}
