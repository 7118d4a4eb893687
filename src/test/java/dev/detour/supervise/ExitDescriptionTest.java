package dev.detour.supervise;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExitDescriptionTest {
    @Test
    void namesSignalsAndExitCodes() {
        assertEquals("signal 9 (SIGKILL)", ExitDescription.describe(137));
        assertEquals("signal 15 (SIGTERM)", ExitDescription.describe(143));
        assertEquals("exit code 1", ExitDescription.describe(1));
        assertEquals("exit code 0", ExitDescription.describe(0));
        assertTrue(ExitDescription.describe(null).startsWith("exit status unknown"));
    }
}
