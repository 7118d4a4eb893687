package dev.detour.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BridgeLogTest {
    @Test
    void aLargeLogIsKeptAsDotOneAndLinesAreRedacted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("main.log");
        Files.write(file, new byte[(int) BridgeLog.ROTATE_BYTES + 1]);
        Redactor redactor = new Redactor();
        redactor.add("the-session-token-123");
        try (BridgeLog log = new BridgeLog(file, redactor)) {
            log.line("GET /t/the-session-token-123/v1/models x-api-key: sk-ant-abcdefghijk");
        }
        assertEquals(BridgeLog.ROTATE_BYTES + 1, Files.size(dir.resolve("main.log.1")));
        String line = Files.readString(file);
        assertTrue(line.endsWith("GET /t/[redacted]/v1/models x-api-key: sk-ant-…\n"), line);
    }
}
