package dev.detour.supervise;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaudeStateTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFieldsItKnowsAndIgnoresTheRest() throws Exception {
        Files.createDirectories(dir.resolve("sessions"));
        Files.writeString(dir.resolve("sessions/77.json"), """
                {"pid":77,"sessionId":"5f0c","cwd":"/w","status":"waiting","waitingFor":"input needed",
                 "name":"fix-tests","version":"2.1.328","peerFeatures":{"x":[1,2]}}""");
        ClaudeState state = ClaudeState.read(dir, 77).orElseThrow();
        assertEquals(new ClaudeState("waiting", "input needed", "5f0c", "fix-tests"), state);
    }

    @Test
    void toleratesAbsenceGarbageAndChangedShapes() throws Exception {
        assertTrue(ClaudeState.read(dir, 1).isEmpty());
        assertTrue(ClaudeState.parse("{not json").isEmpty());
        assertTrue(ClaudeState.parse("[1,2]").isEmpty());
        ClaudeState odd = ClaudeState.parse("{\"status\":{\"kind\":\"busy\"},\"sessionId\":null}").orElseThrow();
        assertNull(odd.status());
        assertNull(odd.sessionId());
    }
}
