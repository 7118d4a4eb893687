package dev.detour.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;

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

    @Test
    void timestampsAreInstantsToTheMillisecond(@TempDir Path dir) throws Exception {
        Random random = new Random(15);
        try (BridgeLog log = new BridgeLog(dir.resolve("t.log"), new Redactor())) {
            Instant at = Instant.parse("2026-11-30T20:38:40Z");
            for (int i = 0; i < 5_000; i++) {
                at = at.plusNanos(random.nextInt(3) == 0 ? 1_000_000L * random.nextInt(3) : random.nextInt(2_000_000_000));
                assertEquals(at.truncatedTo(ChronoUnit.MILLIS).toString(), log.timestamp(at));
            }
        }
    }
}
